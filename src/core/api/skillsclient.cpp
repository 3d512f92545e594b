#include "skillsclient.h"

#include "net/httpservice.h"
#include "util/logging.h"

#include <QJsonArray>
#include <QJsonObject>

SkillsClient::SkillsClient(HttpService *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{ }

QHash<QString, QString> SkillsClient::parseNames(const QJsonArray &skills)
{
    QHash<QString, QString> names;
    for (const QJsonValue &value : skills) {
        const QJsonObject skill = value.toObject();
        const qint64 id = skill.value(QLatin1String("id")).toInteger(-1);
        const QString name = skill.value(QLatin1String("name")).toString();
        if (id > 0 && !name.isEmpty() && !skill.value(QLatin1String("deleted")).toBool())
            names.insert(QString::number(id), name);
    }
    return names;
}

void SkillsClient::fetch(const QUrl &base,
    const QString &accountId,
    const QByteArray &authorization,
    const QByteArray &knownRevision,
    QObject *context,
    Callback done)
{
    HttpCall call;
    call.step = SyncStep::Skills;
    call.url = base;
    call.url.setPath(QStringLiteral("/api/account/%1/configuration/le-users/skills").arg(accountId));
    call.url.setQuery(QStringLiteral("v=4.0&select=id,name,deleted"));
    call.headers.append({"Authorization", authorization});
    if (!knownRevision.isEmpty())
        call.headers.append({"If-Match", knownRevision});
    call.expect = Expect::JsonArray;
    call.acceptNotModified = true;

    m_http->send(call, context, [done](const HttpResult &result) {
        Names names;
        if (!result.ok())
            return done(result.error, names);

        names.revision = result.header("ac-revision");
        names.notModified = result.httpStatus == 304;
        if (!names.notModified)
            names.byId = parseNames(result.json.array());
        qCDebug(lcSkills) << "skill names:" << (names.notModified ? "unchanged" : "fetched") << names.byId.size();
        done(ApiError(), names);
    });
}
