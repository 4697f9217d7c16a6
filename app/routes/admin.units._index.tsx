import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { UNIT_KIND_LABELS } from "~/schemas/unit";
import { type UnitNode, listUnitTree } from "~/models/unit.server";

export const meta: MetaFunction = () => [{ title: "Đơn vị · Quản trị" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "units:manage");
  return { tree: await listUnitTree(actor) };
}

type Node = Pick<UnitNode, "id" | "name" | "kind" | "active"> & { children: Node[] };

function Tree({ nodes }: { nodes: Node[] }) {
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <div className="row">
            <Link to={`/admin/units/${n.id}`}>{n.name}</Link>
            <span className="muted">{UNIT_KIND_LABELS[n.kind]}</span>
            {n.active ? null : <span className="badge closed">Ngừng hoạt động</span>}
          </div>
          {n.children.length > 0 ? <Tree nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function Units() {
  const { tree } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Đơn vị</h1>
      <p className="actions">
        <Link to="/admin/units/new" className="button">
          Thêm đơn vị
        </Link>
      </p>
      <section className="panel">
        <Tree nodes={tree} />
      </section>
    </>
  );
}
