import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { Actor } from "~/auth/actor";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { CauseLists, FindingSection } from "~/components/findings/finding-card";
import { RECOMMENDATION_LIST, RecommendationCard, RecommendationForm } from "~/components/findings/recommendations";
import { SourcesPanel } from "~/components/findings/sources-panel";
import { MergeBar, MergeProvider } from "~/components/findings/use-intent";
import { planReference } from "~/components/lists";
import { vietnamDate } from "~/domain/vietnamese";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import {
  NOT_VISIBLE,
  addCitation,
  canOpenFindings,
  createFinding,
  deleteFinding,
  getFindingsPage,
  mergeFindings,
  moveFinding,
  removeCitation,
  updateFinding,
} from "~/models/finding.server";
import {
  createRecommendation,
  deleteRecommendation,
  getRecommendationDrafts,
  mergeRecommendations,
  moveRecommendation,
  updateRecommendation,
} from "~/models/recommendation-draft.server";
import { type FindingsPageValues, findingsPageSchema } from "~/schemas/findings-page";
import { emptyRecommendation } from "~/schemas/recommendation";
import findingsStyles from "~/styles/findings.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kết quả giám sát, kiến nghị · ${data.visit.unitName} · Giám sát HĐND` : "Kết quả giám sát, kiến nghị" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const visitId = idParam(params.visitId);
  const page = await getFindingsPage(actor, visitId);
  if (!page) throw forbidden(NOT_VISIBLE);
  const recommendations = await getRecommendationDrafts(actor, visitId);
  return { ...page, recommendations, today: vietnamDate(), composesNotice: actor.role === "committee" };
}

const CREATED = {
  achievement: "Đã thêm kết quả đạt được.",
  shortcoming: "Đã thêm tồn tại, hạn chế.",
  cause: "Đã thêm nguyên nhân.",
} as const;

/** Carries out one posted form of the page and says what was done. */
async function perform(actor: Actor, visitId: number, values: FindingsPageValues): Promise<string> {
  switch (values.intent) {
    case "finding.create":
      await createFinding(actor, visitId, values);
      return CREATED[values.kind];
    case "finding.update":
      await updateFinding(actor, visitId, values);
      return "Đã lưu.";
    case "finding.delete":
      await deleteFinding(actor, visitId, values);
      return "Đã xóa.";
    case "finding.move":
      await moveFinding(actor, visitId, values);
      return "Đã chuyển chỗ.";
    case "finding.merge":
      await mergeFindings(actor, visitId, values);
      return `Đã gộp ${values.ids.length} mục thành một.`;
    case "citation.add":
      return (await addCitation(actor, visitId, values)).added ? "Đã thêm căn cứ." : "Căn cứ này đã có.";
    case "citation.remove":
      await removeCitation(actor, visitId, values);
      return "Đã bỏ căn cứ.";
    case "recommendation.create":
      await createRecommendation(actor, visitId, values);
      return "Đã thêm kiến nghị.";
    case "recommendation.update":
      await updateRecommendation(actor, visitId, values);
      return "Đã lưu kiến nghị.";
    case "recommendation.delete":
      await deleteRecommendation(actor, visitId, values);
      return "Đã xóa kiến nghị.";
    case "recommendation.move":
      await moveRecommendation(actor, visitId, values);
      return "Đã chuyển chỗ kiến nghị.";
    case "recommendation.merge":
      await mergeRecommendations(actor, visitId, values.ids, values.revisions);
      return `Đã gộp ${values.ids.length} kiến nghị thành một.`;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const visitId = idParam(params.visitId);
  // Who may not see the visit is refused before anything they sent is read.
  if (!(await canOpenFindings(actor, visitId))) throw forbidden(NOT_VISIBLE);
  const form = await validateForm(request, findingsPageSchema);
  if (!form.ok) return form.response;
  try {
    return { ok: await perform(actor, visitId, form.data) } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

export default function VisitFindings() {
  const data = useLoaderData<typeof loader>();
  const { visit, plan, sources, recommendations } = data;
  const editable = !data.concluded;
  const shared = { visitId: visit.id, editable, sources };
  const choices = { addressees: recommendations.addressees, answerable: recommendations.answerable, today: data.today };
  return (
    <MergeProvider>
      <div className="findings-page">
        <p className="muted">
          <Link to={`/plans/${visit.planId}`}>{plan.number ? `Kế hoạch ${planReference(plan)}` : plan.subject}</Link> ›{" "}
          <Link to={`/visits/${visit.id}`}>Phiếu kiểm tra</Link> › Kết quả giám sát, kiến nghị
        </p>
        <h1>Kết quả giám sát, kiến nghị</h1>
        <p className="muted">
          {visit.unitName} · {plan.subject}
        </p>
        <div className="actions">
          <Link className="button secondary" to={`/visits/${visit.id}`}>
            Phiếu kiểm tra
          </Link>
          {/* The conclusion notice (/visits/:visitId/notice) is the lead's route; only the standing committee composes it. */}
          {data.composesNotice ? (
            <Link className="button" to={`/visits/${visit.id}/notice`}>
              Soạn thông báo kết luận
            </Link>
          ) : null}
        </div>
        {data.concluded ? (
          <p className="form-error" role="status">
            Thông báo kết luận của buổi giám sát đã ban hành: kết quả giám sát và kiến nghị chỉ để xem.
          </p>
        ) : null}

        <SourcesPanel sources={sources} editable={editable} />

        <FindingSection {...shared} kind="achievement" title="Kết quả đạt được" findings={data.achievements} />
        <FindingSection
          {...shared}
          kind="shortcoming"
          title="Tồn tại, hạn chế"
          findings={data.shortcomings}
          renderChildren={(finding, index) => {
            const shortcoming = data.shortcomings.find((s) => s.id === finding.id);
            return shortcoming ? <CauseLists {...shared} shortcoming={shortcoming} number={index + 1} /> : null;
          }}
        />

        <section className="findings-section" aria-labelledby="recommendations-title">
          <h2 id="recommendations-title">Kiến nghị, đề xuất</h2>
          {recommendations.drafts.length + recommendations.issued.length === 0 ? <p className="muted">Chưa có kiến nghị nào.</p> : null}
          {recommendations.drafts.map((r, index) => (
            <RecommendationCard
              key={r.id}
              recommendation={r}
              index={index}
              first={index === 0}
              last={index === recommendations.drafts.length - 1}
              editable={editable}
              visitId={visit.id}
              choices={choices}
            />
          ))}
          {editable ? (
            <MergeBar
              list={RECOMMENDATION_LIST}
              entity="recommendation"
              order={recommendations.drafts.map((r) => r.id)}
              revisions={recommendations.drafts.map((r) => r.revision)}
            />
          ) : null}
          {recommendations.issued.length > 0 ? (
            <>
              <h3>Đã ban hành trong thông báo kết luận</h3>
              {recommendations.issued.map((r, index) => (
                <RecommendationCard key={r.id} recommendation={r} index={index} first last editable={false} visitId={visit.id} choices={choices} />
              ))}
            </>
          ) : null}
          {editable ? (
            <div className="panel add-panel">
              <h3>Thêm kiến nghị, đề xuất</h3>
              <RecommendationForm
                defaults={emptyRecommendation(recommendations.addressees[0]?.id)}
                draftKey={`recommendation:${visit.id}:new`}
                choices={choices}
                submitLabel="Lưu kiến nghị"
              />
            </div>
          ) : null}
        </section>
      </div>
    </MergeProvider>
  );
}
