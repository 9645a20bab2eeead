/** Where a refused patient's family or driver complains (seed 002): the health hotline. */
export const HEALTH_HOTLINE = '12320';

export const COMPLAINT_KINDS = ['refused_at_gate', 'delayed_treatment', 'vehicle_late', 'other'] as const;

/** Who the complaint came from: a driver's refusal report, or a person phoning staff. */
export const COMPLAINT_SOURCES = ['driver', 'family', 'gatekeeper', 'dispatcher', 'hotline'] as const;

export const COMPLAINT_STATUSES = ['open', 'resolved'] as const;
