import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireUser } from "~/auth/permissions.server";
import { RecommendationTable } from "~/components/lists";
import { UNIT_KIND_LABELS } from "~/schemas/unit";
import { idParam } from "~/forms.server";
import { listOpenRecommendations } from "~/models/recommendation.server";
import { getVisibleUnit, listChildUnits } from "~/models/unit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.unit.name} · Giám sát HĐND` : "Đơn vị" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const unitId = idParam(params.unitId);
  const unit = await getVisibleUnit(actor, unitId);
  if (!unit) throw forbidden("Bạn không có quyền xem đơn vị này.");
  const [children, open] = await Promise.all([
    listChildUnits(actor, unitId),
    actor.role === "admin" ? Promise.resolve([]) : listOpenRecommendations(actor, { addressedUnitId: unitId }),
  ]);
  return { unit: { id: unit.id, name: unit.name, kind: unit.kind, placeName: unit.placeName }, children, open };
}

export default function UnitPage() {
  const { unit, children, open } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 data-testid="unit-title">{unit.name}</h1>
      <p className="muted">{UNIT_KIND_LABELS[unit.kind]}</p>
      {children.length > 0 ? (
        <>
          <h2>Đơn vị trực thuộc</h2>
          <ul>
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/units/${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Kiến nghị đang mở</h2>
      <RecommendationTable rows={open} showUnit={false} />
    </>
  );
}
