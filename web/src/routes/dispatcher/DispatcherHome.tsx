import { useMe } from '../../features/auth/auth.ts';
import { ScopeList } from '../../features/scope/ScopeList.tsx';
import { RoleHome } from '../RoleHome.tsx';

export function DispatcherHome() {
  const me = useMe();
  return (
    <RoleHome forRole="dispatcher">
      <ScopeList title="scope.districts" ids={me.scope.districtIds} empty="scope.noDistricts" />
    </RoleHome>
  );
}
