import { Route, Routes, useParams } from 'react-router-dom';
import { OpportunityList } from './OpportunityList';
import { OpportunityView } from './OpportunityView';
import { SavingsReports } from './SavingsReports';

function Detail() {
  const { opportunityId } = useParams();
  return <OpportunityView opportunityId={opportunityId!} backLink=".." />;
}

/**
 * The savings views inside the CloudOps page: all opportunities, one
 * opportunity (`<id>`) and the weekly reports (`reports`).
 */
export function SavingsPage() {
  return (
    <Routes>
      <Route
        path="/"
        element={<OpportunityList linkTo={id => encodeURIComponent(id)} />}
      />
      <Route path="reports" element={<SavingsReports />} />
      <Route path=":opportunityId" element={<Detail />} />
    </Routes>
  );
}
