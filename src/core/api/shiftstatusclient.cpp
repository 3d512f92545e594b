#include "shiftstatusclient.h"

#include "net/httpservice.h"
#include "util/logging.h"

ShiftStatusClient::ShiftStatusClient(HttpService *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{ }

void ShiftStatusClient::fetch(const QUrl &base,
    const QString &accountId,
    const QByteArray &authorization,
    QObject *context,
    Callback done)
{
    HttpCall call;
    call.step = SyncStep::FetchShiftStatus;
    call.url = base;
    call.url.setPath(QStringLiteral("/api/account/%1/shift-status").arg(accountId));
    call.headers.append({"Authorization", authorization});
    call.expect = Expect::JsonArray;

    m_http->send(call, context, [done](const HttpResult &result) {
        if (!result.ok()) {
            done(result.error, {});
            return;
        }

        const QJsonArray entries = result.json.array();
        qCDebug(lcShiftStatus) << "shift status lists" << entries.size() << "entries";
        done(ApiError(), entries);
    });
}
