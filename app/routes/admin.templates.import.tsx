import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { FormError } from "~/components/fields";
import { refusal } from "~/forms.server";
import { importTemplateAs } from "~/models/checklist-template.server";
import { TEMPLATE_LIMITS, parseTemplateFile } from "~/schemas/checklist-template";
import { readUploadedBytes } from "~/uploads.server";

export const meta: MetaFunction = () => [{ title: "Nhập mẫu phiếu · Quản trị" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "templates:manage");
  return null;
}

const TOO_BIG = "Tệp quá lớn: tệp mẫu phiếu tối đa 1 MB.";

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "templates:manage");
  const refuse = (error: string) => data({ error }, { status: 400 });
  const upload = await readUploadedBytes(request, {
    name: "file",
    maxBytes: TEMPLATE_LIMITS.fileBytes,
    tooBig: TOO_BIG,
    missing: "Chưa chọn tệp: hãy chọn tệp JSON của mẫu phiếu.",
  });
  if (!upload.ok) return refuse(upload.message);
  const parsed = parseTemplateFile(upload.bytes);
  if (!parsed.ok) return refuse(parsed.message);
  try {
    const imported = await importTemplateAs(actor, parsed.template);
    return redirect(`/admin/templates/${imported.id}?done=import`);
  } catch (error) {
    return refusal(error);
  }
}

export default function ImportTemplate() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const error = actionData && "error" in actionData ? actionData.error : actionData?.errors?.root?.message;
  return (
    <>
      <p className="muted">
        <Link to="/admin/templates">Mẫu phiếu kiểm tra</Link> › Nhập từ tệp
      </p>
      <h1>Nhập mẫu phiếu từ tệp JSON</h1>
      <section className="panel">
        <p>
          Tệp JSON gồm mã mẫu phiếu (<code>code</code>), tên (<code>title</code>), mô tả và các phần (<code>sections</code>), mỗi phần có các tiêu chí (
          <code>items</code>) với nội dung, hướng dẫn, loại trả lời và căn cứ pháp lý — như tệp tải về từ trang của một mẫu phiếu. Nếu đã có mẫu phiếu cùng
          mã, tệp được nhập thành phiên bản mới và phiên bản đang áp dụng trước đó ngừng áp dụng; kế hoạch đã chọn phiên bản cũ giữ nguyên.
        </p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormError message={error} />
          <div className="field">
            <label htmlFor="file">Tệp mẫu phiếu (.json, tối đa 1 MB)</label>
            <input id="file" name="file" type="file" accept="application/json,.json" required aria-invalid={error ? true : undefined} />
          </div>
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              Nhập mẫu phiếu
            </button>
            <Link to="/admin/templates" className="button secondary">
              Hủy
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}
