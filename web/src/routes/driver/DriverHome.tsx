import { useMe } from '../../features/auth/auth.ts';
import { ScopeList } from '../../features/scope/ScopeList.tsx';
import { RoleHome } from '../RoleHome.tsx';

export function DriverHome() {
  const { vehicleId } = useMe().scope;
  return (
    <RoleHome forRole="driver">
      <ScopeList title="scope.vehicle" ids={vehicleId ? [vehicleId] : []} empty="scope.noVehicle" />
    </RoleHome>
  );
}
