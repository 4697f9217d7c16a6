import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import type { Actor } from "~/auth/actor";
import { notFound, requirePermission } from "~/auth/permissions.server";
import { ItemAddForm, ItemEditForm, TemplateStatusBadge, TitleForm, templateDraftKey } from "~/components/checklist-template";
import { FormError } from "~/components/fields";
import { PLAN_STATUS_LABELS } from "~/components/labels";
import { planReference } from "~/components/lists";
import { SavedNotice } from "~/components/save-outcome";
import { clearFormDraft } from "~/components/use-form-draft";
import { indicatorDefinition } from "~/domain/indicators";
import { formatDateTime, formatNumber } from "~/domain/vietnamese";
import { idParam, refusal, validateForm } from "~/forms.server";
import {
  type TemplateEditResult,
  addTemplateItem,
  getTemplate,
  listTemplatePlans,
  publishTemplate,
  removeTemplateItem,
  retireTemplate,
  updateTemplateItem,
  updateTemplateTitle,
} from "~/models/checklist-template.server";
import { ANSWER_TYPE_LABELS, type TemplateActionValues, templateActionSchema } from "~/schemas/checklist-template";
import styles from "~/styles/templates.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.template.title} (phiên bản ${data.template.version}) · Quản trị` : "Mẫu phiếu kiểm tra · Quản trị" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "templates:manage");
  const templateId = idParam(params.templateId);
  const template = await getTemplate(actor, templateId);
  if (!template) throw notFound("Mẫu phiếu không tồn tại.");
  const plans = await listTemplatePlans(actor, templateId);
  // After an edit that had to make this version: which version it came from, and who keeps that one.
  const fromId = Number(new URL(request.url).searchParams.get("from"));
  const from = template.versions.find((v) => v.id === fromId && v.id !== template.id);
  const newVersionOf = from ? { id: from.id, version: from.version, plans: (await listTemplatePlans(actor, from.id)).length } : null;
  return { template, plans, newVersionOf };
}

type Done = { result?: TemplateEditResult; draftKey?: string };

async function perform(actor: Actor, templateId: number, values: TemplateActionValues): Promise<Done> {
  switch (values.intent) {
    case "edit_item": {
      const { intent: _intent, itemId, ...change } = values;
      return { result: await updateTemplateItem(actor, templateId, itemId, change), draftKey: templateDraftKey.item(itemId) };
    }
    case "add_item": {
      const { intent: _intent, sectionId, ...item } = values;
      return { result: await addTemplateItem(actor, templateId, sectionId, item), draftKey: templateDraftKey.add(templateId, sectionId) };
    }
    case "remove_item":
      return { result: await removeTemplateItem(actor, templateId, values.itemId) };
    case "edit_title": {
      const { intent: _intent, ...change } = values;
      return { result: await updateTemplateTitle(actor, templateId, change), draftKey: templateDraftKey.title(templateId) };
    }
    case "publish":
      await publishTemplate(actor, templateId);
      return {};
    case "retire":
      await retireTemplate(actor, templateId);
      return {};
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "templates:manage");
  const templateId = idParam(params.templateId);
  const form = await validateForm(request, templateActionSchema);
  if (!form.ok) return form.response;
  let done: Done;
  try {
    done = await perform(actor, templateId, form.data);
  } catch (error) {
    return refusal(error);
  }
  const query = new URLSearchParams({ done: done.result?.changed === false ? "unchanged" : form.data.intent });
  if (done.draftKey) query.set("draft", done.draftKey);
  if (done.result?.newVersion) {
    query.set("from", String(templateId));
    return redirect(`/admin/templates/${done.result.id}?${query}`);
  }
  return redirect(`/admin/templates/${templateId}?${query}`);
}

const DONE_MESSAGES: Record<string, string> = {
  import: "Đã nhập mẫu phiếu.",
  edit_item: "Đã lưu tiêu chí.",
  add_item: "Đã thêm tiêu chí.",
  remove_item: "Đã xóa tiêu chí.",
  edit_title: "Đã lưu tên mẫu phiếu.",
  publish: "Đã công bố phiên bản này: kế hoạch mới có thể chọn nó; phiên bản áp dụng trước đó (nếu có) đã ngừng áp dụng.",
  retire: "Đã ngừng áp dụng phiên bản này: kế hoạch mới không chọn được nữa; các kế hoạch đang dùng vẫn giữ nguyên.",
  unchanged: "Không có thay đổi nào để lưu.",
};

function percentLabel(value: number) {
  const decimals = Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2;
  return `${formatNumber(value, decimals)}%`;
}

export default function TemplatePage() {
  const { template, plans, newVersionOf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const draftKey = params.get("draft");
  useEffect(() => {
    if (draftKey?.startsWith("template-")) clearFormDraft(draftKey);
  }, [draftKey]);
  const done = params.get("done");
  const editItemId = Number(params.get("item")) || null;
  const addSectionId = Number(params.get("add")) || null;
  const editingTitle = params.get("edit") === "title";
  const formOpen = editItemId !== null || addSectionId !== null || editingTitle;
  const here = `/admin/templates/${template.id}`;
  const newest = template.versions[0];
  const editable = newest.id === template.id;
  const copyOnEdit = plans.length > 0 || template.status === "retired";
  const errors = actionData?.errors;

  return (
    <>
      <p className="muted">
        <Link to="/admin/templates">Mẫu phiếu kiểm tra</Link> › {template.title}
      </p>
      <h1>{template.title}</h1>
      <div className="template-meta">
        <span>
          Mã <strong>{template.code}</strong>
        </span>
        <span>
          Phiên bản <strong>{template.version}</strong>
        </span>
        <TemplateStatusBadge status={template.status} />
        <span className="muted">
          Tạo lúc {formatDateTime(template.createdAt)}
          {template.createdByName ? ` bởi ${template.createdByName}` : ""}
        </span>
      </div>
      {template.description ? <p>{template.description}</p> : null}

      {newVersionOf ? (
        <div className="notice-version" role="status">
          <strong>Đã tạo phiên bản mới {template.version}.</strong> Phiên bản {newVersionOf.version} đang được {newVersionOf.plans} kế hoạch sử dụng nên không
          sửa trực tiếp: thay đổi được lưu vào phiên bản {template.version} này (dự thảo). Các kế hoạch đó giữ nguyên{" "}
          <Link to={`/admin/templates/${newVersionOf.id}`}>phiên bản {newVersionOf.version}</Link>. Sửa tiếp tại đây, rồi công bố để kế hoạch mới dùng được.
        </div>
      ) : null}
      {!editable ? (
        <div className="notice-version" role="status">
          Đã có phiên bản mới hơn: <Link to={`/admin/templates/${newest.id}`}>phiên bản {newest.version}</Link>. Phiên bản này chỉ để xem; mọi thay đổi làm
          trên phiên bản mới nhất.
        </div>
      ) : null}
      <SavedNotice message={done && !newVersionOf ? DONE_MESSAGES[done] : null} />
      {!formOpen ? <FormError message={errors?.root?.message} /> : null}

      <section className="panel">
        <h2>Phiên bản và kế hoạch sử dụng</h2>
        <ul className="template-versions">
          {template.versions.map((v) => (
            <li key={v.id}>
              {v.id === template.id ? <strong>Phiên bản {v.version}</strong> : <Link to={`/admin/templates/${v.id}`}>Phiên bản {v.version}</Link>}
              <TemplateStatusBadge status={v.status} />
            </li>
          ))}
        </ul>
        {plans.length === 0 ? (
          <p className="muted">Chưa có kế hoạch nào dùng phiên bản này: thay đổi được sửa trực tiếp.</p>
        ) : (
          <>
            <p>
              {plans.length} kế hoạch đang dùng phiên bản này
              {editable ? ": mọi thay đổi sẽ được lưu thành phiên bản mới, các kế hoạch này giữ nguyên nội dung cũ." : "."}
            </p>
            <ul>
              {plans.map((p) => (
                <li key={p.id}>
                  {planReference(p)} — {p.issuingUnitName} <span className="muted">({PLAN_STATUS_LABELS[p.status]})</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {editable && template.status === "retired" ? <p className="muted">Phiên bản đã ngừng áp dụng: thay đổi sẽ được lưu thành phiên bản mới.</p> : null}
        <div className="actions">
          <a className="button secondary" href={`${here}/json`} download>
            Tải tệp JSON
          </a>
          {editable && !editingTitle ? (
            <Link className="button secondary" to="?edit=title" preventScrollReset>
              Sửa tên mẫu phiếu
            </Link>
          ) : null}
          {editable && template.status === "draft" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit">Công bố phiên bản này</button>
            </Form>
          ) : null}
          {template.status === "published" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="retire" />
              <button type="submit" className="secondary">
                Ngừng áp dụng
              </button>
            </Form>
          ) : null}
        </div>
        {editable && editingTitle ? (
          <TitleForm
            draftKey={templateDraftKey.title(template.id)}
            cancelTo={here}
            serverErrors={errors}
            defaultValues={{ intent: "edit_title", title: template.title, description: template.description }}
          />
        ) : null}
      </section>

      {template.sections.map((section) => (
        <section className="panel" key={section.id} id={`section-${section.id}`}>
          <h2>
            {section.code}. {section.title}
          </h2>
          {section.items.length === 0 ? <p className="muted">Phần này chưa có tiêu chí.</p> : null}
          <ol className="template-items">
            {section.items.map((item) => {
              const indicator = item.indicatorCode ? indicatorDefinition(item.indicatorCode) : undefined;
              return (
                <li key={item.id} id={`item-${item.id}`} className="template-item">
                  <div className="template-item-head">
                    <strong>{item.code}</strong>
                    <span className="muted">
                      {ANSWER_TYPE_LABELS[item.answerType]}
                      {indicator ? ` · ${indicator.label}` : ""}
                      {item.targetPercent !== null ? ` · chỉ tiêu ${percentLabel(item.targetPercent)}` : ""}
                    </span>
                  </div>
                  {editable && editItemId === item.id ? (
                    <ItemEditForm
                      draftKey={templateDraftKey.item(item.id)}
                      cancelTo={`${here}#item-${item.id}`}
                      serverErrors={errors}
                      hasTarget={indicator?.kind === "rate"}
                      defaultValues={{
                        intent: "edit_item",
                        itemId: item.id,
                        text: item.text,
                        guidance: item.guidance,
                        legalBasis: item.legalBasis,
                        targetPercent: item.targetPercent,
                      }}
                    />
                  ) : (
                    <>
                      <p>{item.text}</p>
                      {item.guidance ? <p className="muted">Hướng dẫn: {item.guidance}</p> : null}
                      {item.legalBasis ? <p className="legal-basis">Căn cứ: {item.legalBasis}</p> : null}
                      {editable ? (
                        <div className="template-item-actions">
                          <Link className="button secondary" to={`?item=${item.id}#item-${item.id}`} preventScrollReset>
                            Sửa
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove_item" />
                            <input type="hidden" name="itemId" value={item.id} />
                            <button
                              type="submit"
                              className="secondary"
                              onClick={(event) => {
                                if (!window.confirm(`Xóa tiêu chí ${item.code}?`)) event.preventDefault();
                              }}
                            >
                              Xóa
                            </button>
                          </Form>
                        </div>
                      ) : null}
                    </>
                  )}
                </li>
              );
            })}
          </ol>
          {editable && addSectionId === section.id ? (
            <div id={`add-${section.id}`}>
              <h3>Thêm tiêu chí vào phần {section.code}</h3>
              <ItemAddForm
                draftKey={templateDraftKey.add(template.id, section.id)}
                cancelTo={`${here}#section-${section.id}`}
                serverErrors={errors}
                defaultValues={{
                  intent: "add_item",
                  sectionId: section.id,
                  code: "",
                  text: "",
                  guidance: "",
                  answerType: "tri_state",
                  legalBasis: "",
                  indicatorCode: null,
                  targetPercent: null,
                }}
              />
            </div>
          ) : editable ? (
            <p className="actions">
              <Link className="button secondary" to={`?add=${section.id}#add-${section.id}`} preventScrollReset>
                Thêm tiêu chí vào phần {section.code}
              </Link>
            </p>
          ) : null}
          {copyOnEdit && editable && (addSectionId === section.id || section.items.some((i) => i.id === editItemId)) ? (
            <p className="muted">Lưu thay đổi sẽ tạo phiên bản mới; các kế hoạch đang dùng phiên bản {template.version} giữ nguyên.</p>
          ) : null}
        </section>
      ))}
    </>
  );
}
