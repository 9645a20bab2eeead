import { PageTitle } from '../../components/PageTitle.tsx';
import { useDistrictChoice } from '../dispatch/DistrictChoice.tsx';
import { usePublicT } from '../public/messages.ts';
import { ComplaintReportView } from './ComplaintReportView.tsx';
import { RecordComplaintForm } from './RecordComplaintForm.tsx';

/** Dispatch's and admin's page of complaints and refusals (`/dispatcher/complaints`, `/admin/complaints`). */
export function ComplaintsPage() {
  const pt = usePublicT();
  const { inScope } = useDistrictChoice();
  return (
    <>
      <PageTitle>{pt('complaints.title')}</PageTitle>
      <h1>{pt('complaints.title')}</h1>
      {inScope.length > 0 ? (
        <RecordComplaintForm key={inScope.map((d) => d.id).join()} districts={inScope} />
      ) : null}
      <ComplaintReportView />
    </>
  );
}
