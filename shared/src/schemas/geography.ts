// Registry schemas: districts, compounds, gates, zones, hospitals, vehicles, drivers, overview.
export {};
