import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/permissions.server";
import { safeRedirect } from "~/auth/session.server";
import { FormError } from "~/components/fields";
import { SavedNotice } from "~/components/save-outcome";
import { formatDateTime } from "~/domain/vietnamese";
import { type FormActionData, validateForm } from "~/forms.server";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  openNotification,
} from "~/models/notification.server";
import styles from "~/styles/notifications.css?url";
import { MAX_RECORD_ID } from "~/schemas/limits";

export const meta: MetaFunction = () => [{ title: "Thông báo nhắc việc · Giám sát HĐND" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const notificationId = z.coerce.number({ error: "Thông báo không hợp lệ." }).int().positive("Thông báo không hợp lệ.").max(MAX_RECORD_ID, "Thông báo không hợp lệ.");

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: notificationId }),
  z.object({ intent: z.literal("open"), id: notificationId }),
  z.object({ intent: z.literal("read_all") }),
]);

const HERE = "/notifications";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const pageParam = Number(new URL(request.url).searchParams.get("page"));
  const page = Number.isSafeInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const [list, unread] = await Promise.all([listNotifications(actor, { page }), countUnreadNotifications(actor)]);
  return { ...list, unread };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const form = await validateForm(request, actionSchema);
  if (!form.ok) return form.response;
  switch (form.data.intent) {
    case "open": {
      const opened = await openNotification(actor, form.data.id);
      if (!opened) throw notFound("Không tìm thấy thông báo này.");
      // Only a path of this site: a stored "https://…" or "//host" link leads back here.
      return redirect(safeRedirect(opened.link, HERE));
    }
    case "read": {
      if (!(await markNotificationRead(actor, form.data.id))) throw notFound("Không tìm thấy thông báo này.");
      return { ok: "Đã đánh dấu thông báo là đã đọc." } satisfies FormActionData;
    }
    case "read_all": {
      const count = await markAllNotificationsRead(actor);
      return { ok: count > 0 ? `Đã đánh dấu ${count} thông báo là đã đọc.` : "Không còn thông báo chưa đọc." } satisfies FormActionData;
    }
  }
}

export default function Notifications() {
  const { items, page, hasMore, unread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormActionData | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Thông báo nhắc việc</h1>
      <SavedNotice message={actionData?.ok} />
      <FormError message={actionData?.errors?.root?.message} />
      <div className="notifications-head">
        <p className="muted">{unread > 0 ? `${unread} thông báo chưa đọc.` : "Không có thông báo chưa đọc."}</p>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read_all" />
            <button type="submit" className="secondary" disabled={busy}>
              Đánh dấu tất cả đã đọc
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="muted">Chưa có thông báo nào.</p>
      ) : (
        <ul className="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification unread"}>
              <div className="notification-main">
                {n.link ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link-button notification-title">
                      {n.readAt ? null : <span className="visually-hidden">Chưa đọc: </span>}
                      {n.title}
                    </button>
                  </Form>
                ) : (
                  <strong className="notification-title">{n.title}</strong>
                )}
                <div className="notification-body">{n.body}</div>
                <div className="muted notification-time">{formatDateTime(n.createdAt)}</div>
              </div>
              {n.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="secondary" disabled={busy}>
                    Đánh dấu đã đọc
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {page > 1 || hasMore ? (
        <nav className="actions" aria-label="Trang">
          {page > 1 ? (
            <Link className="button secondary" to={page === 2 ? HERE : `${HERE}?page=${page - 1}`}>
              Trang trước
            </Link>
          ) : null}
          {hasMore ? (
            <Link className="button secondary" to={`${HERE}?page=${page + 1}`}>
              Trang sau
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
