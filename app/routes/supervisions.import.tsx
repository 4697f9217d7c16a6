import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { FormError } from "~/components/fields";
import { refusal } from "~/forms.server";
import { DomainError } from "~/models/errors.server";
import { getImportOutcome, importSupervisionFile } from "~/models/supervision-import.server";
import { parseSupervisionFile } from "~/schemas/supervision-file";
import { readUploadedText } from "~/uploads.server";

export const meta: MetaFunction = () => [{ title: "Nhập cuộc giám sát từ tệp · Giám sát HĐND" }];

const MAX_BYTES = 2 * 1024 * 1024;
const TOO_BIG = "Tệp quá lớn: tệp giám sát tối đa 2 MB.";

/** The form, or after an import (?plan=) what it brought in and what it could not keep. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  const planId = Number(new URL(request.url).searchParams.get("plan"));
  const outcome = Number.isSafeInteger(planId) && planId > 0 ? await getImportOutcome(actor, planId) : null;
  return { outcome };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  const refuse = (problems: string[]) => data({ problems }, { status: 400 });
  const upload = await readUploadedText(request, { name: "file", maxBytes: MAX_BYTES, tooBig: TOO_BIG, missing: "Chưa chọn tệp: hãy chọn tệp JSON của cuộc giám sát." });
  if (!upload.ok) return refuse([upload.message]);
  const parsed = parseSupervisionFile(upload.text);
  if (!parsed.ok) return refuse(parsed.problems);
  try {
    const imported = await importSupervisionFile(actor, parsed.file);
    return redirect(`/supervisions/import?plan=${imported.planId}`);
  } catch (error) {
    if (error instanceof DomainError && error.status !== 403) return refuse([error.message]);
    return refusal(error);
  }
}

export default function ImportSupervision() {
  const { outcome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const problems = actionData && "problems" in actionData ? actionData.problems : [];
  return (
    <>
      <p className="muted">
        <Link to="/plans">Kế hoạch giám sát</Link> › Nhập từ tệp
      </p>
      <h1>Nhập cuộc giám sát từ tệp</h1>
      {outcome ? (
        <section className="panel" aria-labelledby="imported">
          <p id="imported" className="notice-ok" role="status">
            Đã nhập cuộc giám sát “{outcome.subject}” thành một kế hoạch mới; thông báo kết luận được nhập thành dự thảo.
          </p>
          {outcome.warnings.length > 0 ? (
            <>
              <p>Lưu ý:</p>
              <ul>
                {outcome.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="actions">
            <Link className="button" to={`/plans/${outcome.planId}`}>
              Mở kế hoạch vừa nhập
            </Link>
          </p>
        </section>
      ) : null}
      <section className="panel">
        <p>
          Tệp JSON của một cuộc giám sát (<code>"format": "hdnd-supervision"</code>) — như tệp tải về từ danh sách đơn vị được giám sát của một kế hoạch: kế
          hoạch, đoàn giám sát, đơn vị, số liệu, kết quả và tồn tại, hạn chế cùng nguyên nhân, kiến nghị và thông báo kết luận. Tệp được nhập thành một kế hoạch
          mới của Hội đồng nhân dân; đơn vị được giám sát phải trùng tên với một đơn vị của địa bàn. Nếu tệp có lỗi, không có gì được nhập.
        </p>
        <Form method="post" encType="multipart/form-data" className="stack">
          {problems.length > 0 ? (
            <div className="form-error" role="alert">
              <p>Không nhập được tệp:</p>
              <ul>
                {problems.map((problem, index) => (
                  <li key={index}>{problem}</li>
                ))}
              </ul>
            </div>
          ) : (
            <FormError message={actionData && "errors" in actionData ? actionData.errors?.root?.message : undefined} />
          )}
          <div className="field">
            <label htmlFor="file">Tệp giám sát (.json, tối đa 2 MB)</label>
            <input id="file" name="file" type="file" accept="application/json,.json" required aria-invalid={problems.length > 0 ? true : undefined} />
          </div>
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              Nhập cuộc giám sát
            </button>
            <Link to="/plans" className="button secondary">
              Hủy
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}
