import { useMe } from '../../features/auth/auth.ts';
import { ScopeList } from '../../features/scope/ScopeList.tsx';
import { RoleHome } from '../RoleHome.tsx';

export function HospitalHome() {
  const { hospitalId } = useMe().scope;
  return (
    <RoleHome forRole="hospital">
      <ScopeList title="scope.hospital" ids={hospitalId ? [hospitalId] : []} empty="scope.noHospital" />
    </RoleHome>
  );
}
