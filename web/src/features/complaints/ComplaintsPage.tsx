import { PageTitle } from '../../components/PageTitle.tsx';
import { usePublicT } from '../public/messages.ts';
import { ComplaintReportView } from './ComplaintReportView.tsx';

/** Dispatch's and admin's page of complaints and refusals (`/dispatcher/complaints`, `/admin/complaints`). */
export function ComplaintsPage() {
  const pt = usePublicT();
  return (
    <>
      <PageTitle>{pt('complaints.title')}</PageTitle>
      <h1>{pt('complaints.title')}</h1>
      <ComplaintReportView />
    </>
  );
}
