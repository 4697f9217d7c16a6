import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { useOfflineShell } from "~/checklist/use-offline-shell";
import { useVisitSync } from "~/checklist/use-visit-sync";
import { CarriedSection } from "~/components/checklist/carried-section";
import { ItemCard } from "~/components/checklist/item-card";
import { SectionTabs } from "~/components/checklist/section-tabs";
import { SyncBanner } from "~/components/checklist/sync-banner";
import { useNonce } from "~/components/nonce-provider";
import { planReference } from "~/components/lists";
import { isAnswered, progress } from "~/domain/checklist";
import { idParam } from "~/forms.server";
import { carriedForChecklist } from "~/models/carried-recommendation.server";
import { getVisitChecklist } from "~/models/visit.server";
import checklistCss from "~/styles/checklist.css?inline";


export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Phiếu kiểm tra · ${data.visit.unitName} · Giám sát HĐND` : "Phiếu kiểm tra" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const checklist = await getVisitChecklist(actor, idParam(params.visitId));
  if (!checklist) throw forbidden("Bạn không có quyền mở phiếu kiểm tra của buổi giám sát này.");
  return { ...checklist, userId: actor.id, carried: await carriedForChecklist(actor, checklist.visit.id) };
}

export default function VisitChecklist() {
  const data = useLoaderData<typeof loader>();
  const { visit, plan, checklist } = data;
  const sync = useVisitSync({ visitId: visit.id, userId: data.userId, answers: data.answers, photos: data.photos });
  const offlineReady = useOfflineShell();
  const nonce = useNonce();
  const sections = checklist?.sections ?? [];
  const [current, setCurrent] = useState(0);
  const reported = useMemo(() => new Map(data.reported.map((r) => [r.itemId, r])), [data.reported]);
  const drafted = useMemo(() => new Set(data.draftedItemIds), [data.draftedItemIds]);

  const answered = (itemId: number, answerType: string) => {
    const s = sync.items[itemId];
    const shown = s?.local ?? s?.server;
    return isAnswered(shown ? { answerType, ...shown } : undefined);
  };
  const sectionProgress = sections.map((s) => progress(s.items.filter((i) => answered(i.id, i.answerType)).length, s.items.length));

  function jumpToUnanswered() {
    for (let offset = 0; offset < sections.length; offset++) {
      const index = (current + offset) % sections.length;
      const item = sections[index].items.find((i) => !answered(i.id, i.answerType));
      if (item) {
        setCurrent(index);
        requestAnimationFrame(() => document.getElementById(`item-${item.id}`)?.scrollIntoView({ behavior: "smooth", block: "start" }));
        return;
      }
    }
  }

  const section = sections[current];
  const disabled = !visit.canAnswer;
  return (
    <div className="checklist" data-offline-ready={offlineReady ? "true" : "false"} data-sync-ready={sync.ready ? "true" : "false"}>
      {/* Inlined like app.css in root.tsx: no stylesheet round trip before the first paint. */}
      <style nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: checklistCss }} />
      <p className="muted">
        <Link to={`/plans/${visit.planId}`}>{plan.number ? `Kế hoạch ${planReference(plan)}` : plan.subject}</Link> › Phiếu kiểm tra
      </p>
      <h1>Phiếu kiểm tra: {visit.unitName}</h1>
      <p className="actions">
        <Link className="button secondary" to={`/visits/${visit.id}/findings`}>
          Kết quả giám sát, kiến nghị
        </Link>
        {data.carried?.items.length ? (
          <a className="button secondary" href="#carried">
            Kiến nghị kỳ trước cần kiểm tra ({data.carried.items.length})
          </a>
        ) : null}
      </p>
      {checklist ? (
        <p className="muted">
          {checklist.template.title} (phiên bản {checklist.template.version})
        </p>
      ) : null}
      <SyncBanner status={sync.status} ready={sync.ready} />
      {disabled ? <p className="form-error">Kế hoạch chưa ban hành hoặc đã kết thúc: phiếu chỉ để xem.</p> : null}
      {!checklist ? (
        <p className="form-error">Kế hoạch chưa chọn mẫu phiếu kiểm tra.</p>
      ) : (
        <>
          {plan.unitReport ? (
            <details className="panel unit-report">
              <summary>Báo cáo của đơn vị trước buổi giám sát</summary>
              <p style={{ whiteSpace: "pre-line" }}>{plan.unitReport}</p>
            </details>
          ) : null}
          <SectionTabs sections={sections} progress={sectionProgress} current={current} onSelect={setCurrent} />
          <div className="actions">
            <button type="button" className="secondary" onClick={jumpToUnanswered}>
              Đến tiêu chí chưa trả lời
            </button>
          </div>
          {section ? (
            <section aria-labelledby="section-title">
              <h2 id="section-title">
                {section.code}. {section.title}
              </h2>
              {section.items.map((item) => (
                <ItemCard
                  key={item.id}
                  item={item}
                  sync={sync.items[item.id]}
                  photos={sync.photos.filter((p) => p.itemId === item.id)}
                  reported={reported.get(item.id) ?? null}
                  drafted={drafted.has(item.id)}
                  disabled={disabled}
                  onAnswer={(patch) => void sync.answer(item.id, patch)}
                  onPhoto={(file) => sync.addPhoto(item.id, file)}
                  onDismiss={() => sync.dismiss(item.id)}
                />
              ))}
              <div className="actions section-nav">
                {current > 0 ? (
                  <button type="button" className="secondary" onClick={() => setCurrent(current - 1)}>
                    ← Phần {sections[current - 1].code}
                  </button>
                ) : null}
                {current < sections.length - 1 ? (
                  <button type="button" onClick={() => { setCurrent(current + 1); window.scrollTo({ top: 0 }); }}>
                    Phần {sections[current + 1].code} →
                  </button>
                ) : null}
              </div>
            </section>
          ) : null}
        </>
      )}
      {data.carried ? <CarriedSection visitId={visit.id} items={data.carried.items} canAnswer={data.carried.canAnswer} /> : null}
    </div>
  );
}
