import type { Role } from "./roles";

/**
 * The signed-in user as every model function sees it. `scopePath` is the subtree of units the
 * user may see: the whole tree for an administrator, the locality of the council for the standing
 * committee (HĐND phường Bình An sees phường Bình An and all below it), the user's own unit and
 * what hangs under it for a unit user. Team members are scoped by the plans they belong to.
 */
export type Actor = {
  id: number;
  username: string;
  fullName: string;
  title: string;
  role: Role;
  unitId: number;
  unitName: string;
  scopePath: string;
};

export function pathContains(scopePath: string, unitPath: string): boolean {
  return unitPath.startsWith(scopePath);
}
