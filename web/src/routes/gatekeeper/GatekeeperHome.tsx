import { useMe } from '../../features/auth/auth.ts';
import { ScopeList } from '../../features/scope/ScopeList.tsx';
import { RoleHome } from '../RoleHome.tsx';

export function GatekeeperHome() {
  const me = useMe();
  return (
    <RoleHome forRole="gatekeeper">
      <ScopeList title="scope.compounds" ids={me.scope.compoundIds} empty="scope.noCompounds" />
    </RoleHome>
  );
}
