#include "contextservice.h"

#include "simrequest.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace {

const QString PropertiesSegment = QStringLiteral("properties");

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

bool isMethod(const SimRequest &request, const char *method)
{
    return request.method() == method;
}

SimResponse methodNotAllowed()
{
    return SimResponse::message(405, QStringLiteral("Method not allowed"));
}

SimResponse notFound()
{
    return SimResponse::message(404, QStringLiteral("Not found"));
}

// ?page= (>= 0, default 0) and ?perPage= (1-1000, default 100); false when out of range.
bool readPaging(const SimRequest &request, int *page, int *perPage)
{
    bool pageOk = true;
    bool perPageOk = true;
    *page = request.hasQuery(QStringLiteral("page")) ? request.queryValue(QStringLiteral("page")).toInt(&pageOk) : 0;
    *perPage = request.hasQuery(QStringLiteral("perPage"))
        ? request.queryValue(QStringLiteral("perPage")).toInt(&perPageOk)
        : 100;
    return pageOk && perPageOk && *page >= 0 && *perPage >= 1 && *perPage <= 1000;
}

} // namespace

ContextService::ContextService(const SimulatorAccount &account)
    : m_account(account)
{ }

bool ContextService::isReservedNamespace(const QString &ns)
{
    static const QStringList reserved {
        QStringLiteral("consumer"),
        QStringLiteral("operational"),
        QStringLiteral("conversation"),
        QStringLiteral("faas"),
        QStringLiteral("custom"),
        QStringLiteral("sde"),
    };
    return reserved.contains(ns.toLower());
}

SimResponse ContextService::handle(SimRequest &request)
{
    if (std::optional<SimResponse> refused = checkAccess(request))
        return *refused;

    const QStringList rest = request.segments().mid(3);
    if (rest.isEmpty())
        return accountLevel(request, rest);
    if (rest.first() == QLatin1String("namespace") && rest.size() >= 3 && rest.at(2) == QLatin1String("session"))
        return sessionTtlCall(request, rest);
    return namespaceLevel(request, rest);
}

std::optional<SimResponse> ContextService::checkAccess(SimRequest &request) const
{
    const QByteArray key = request.header("maven-api-key");
    if (key.isEmpty() || QString::fromUtf8(key) != m_account.mavenApiKey)
        return SimResponse::message(403, QStringLiteral("API key is missing, invalid or lacks permission"));
    if (request.segment(2) != m_account.accountId)
        return SimResponse::message(404, QStringLiteral("Account %1 not found").arg(request.segment(2)));
    return std::nullopt;
}

std::optional<SimResponse> ContextService::checkNamespace(const QString &ns) const
{
    // v1 accepts '-' (LivePerson's own tutorials use it); v2 allows letters, digits and '_'.
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (isReservedNamespace(ns))
        return SimResponse::message(400, QStringLiteral("Namespace %1 is reserved").arg(ns));
    if (!valid.match(ns).hasMatch())
        return SimResponse::message(400, QStringLiteral("Invalid namespace name: %1").arg(ns));
    return std::nullopt;
}

std::optional<SimResponse> ContextService::checkJsonBody(SimRequest &request)
{
    if (!request.header("content-type").toLower().startsWith("application/json"))
        return SimResponse::message(415, QStringLiteral("Content-Type must be application/json"));
    if (!RawJson::isValidValue(request.body()))
        return SimResponse::message(400, QStringLiteral("Body is not valid JSON"));
    return std::nullopt;
}

SimResponse ContextService::accountLevel(SimRequest &request, const QStringList &)
{
    if (isMethod(request, "GET")) {
        QJsonArray list;
        for (const ContextStore::NamespaceInfo &info : m_store.namespaces()) {
            QJsonObject entry {{QStringLiteral("name"), info.name},
                {QStringLiteral("createdAt"), isoTime(info.createdAt)}};
            if (info.ttlSecond > 0)
                entry.insert(QStringLiteral("ttlSecond"), info.ttlSecond);
            list.append(entry);
        }
        return SimResponse::json(200, list);
    }
    if (!isMethod(request, "POST"))
        return methodNotAllowed();

    if (std::optional<SimResponse> refused = checkJsonBody(request))
        return *refused;
    const QString ns = QJsonDocument::fromJson(request.body()).object().value(QLatin1String("name")).toString();
    if (ns.isEmpty())
        return SimResponse::message(400, QStringLiteral("Body must be {\"name\": \"<namespace>\"}"));
    if (std::optional<SimResponse> refused = checkNamespace(ns))
        return *refused;

    m_store.createNamespace(ns, request.queryValue(QStringLiteral("ttlSecond")).toLongLong());
    return SimResponse::empty(204);
}

SimResponse ContextService::sessionTtlCall(SimRequest &request, const QStringList &rest)
{
    const QString ns = rest.at(1);
    if (std::optional<SimResponse> refused = checkNamespace(ns))
        return *refused;

    if (rest.size() == 4 && isMethod(request, "DELETE")) {
        m_store.deleteSession(ns, rest.at(3));
        return SimResponse::empty(204);
    }
    if (rest.size() != 3)
        return notFound();

    if (isMethod(request, "GET")) {
        QJsonArray list;
        for (const ContextStore::SessionTtl &ttl : m_store.sessionTtls(ns)) {
            list.append(QJsonObject {{QStringLiteral("sessionId"), ttl.sessionId},
                {QStringLiteral("createdAt"), isoTime(ttl.createdAt)},
                {QStringLiteral("ttlSecond"), ttl.ttlSecond}});
        }
        return SimResponse::json(200, list);
    }
    if (!isMethod(request, "POST"))
        return methodNotAllowed();

    if (std::optional<SimResponse> refused = checkJsonBody(request))
        return *refused;
    const QString session
        = QJsonDocument::fromJson(request.body()).object().value(QLatin1String("sessionId")).toString();
    if (session.isEmpty())
        return SimResponse::message(400, QStringLiteral("Body must be {\"sessionId\": \"<id>\"}"));
    m_store.setSessionTtl(ns, session, request.queryValue(QStringLiteral("ttlSecond")).toLongLong());
    return SimResponse::empty(204);
}

SimResponse ContextService::namespaceLevel(SimRequest &request, const QStringList &rest)
{
    const QString ns = rest.first();
    if (std::optional<SimResponse> refused = checkNamespace(ns))
        return *refused;

    const QString second = rest.value(1);
    const QString third = rest.value(2);
    switch (rest.size()) {
    case 1:
        if (!isMethod(request, "DELETE"))
            return methodNotAllowed();
        m_store.deleteNamespace(ns);
        return SimResponse::empty(204);
    case 2:
        if (second == PropertiesSegment)
            return propertiesCall(request, ns, ContextStore::defaultSession());
        if (second == QLatin1String("session-ids") && isMethod(request, "GET"))
            return pagedSessions(request, ns, false);
        if (second == QLatin1String("session-properties") && isMethod(request, "GET"))
            return pagedSessions(request, ns, true);
        return notFound();
    case 3:
        if (second == PropertiesSegment)
            return propertyCall(request, ns, ContextStore::defaultSession(), third);
        if (third == PropertiesSegment)
            return propertiesCall(request, ns, second);
        return notFound();
    case 4:
        if (third == PropertiesSegment)
            return propertyCall(request, ns, second, rest.at(3));
        return notFound();
    default:
        return notFound();
    }
}

SimResponse ContextService::propertiesCall(SimRequest &request, const QString &ns, const QString &session)
{
    if (isMethod(request, "PATCH"))
        return patchProperties(request, ns, session);
    if (isMethod(request, "DELETE")) {
        m_store.clearSession(ns, session);
        return SimResponse::empty(204);
    }
    if (!isMethod(request, "GET"))
        return methodNotAllowed();

    ContextStore::Properties values = m_store.properties(ns, session);
    if (request.hasQuery(QStringLiteral("include"))) {
        const QStringList wanted
            = request.queryValue(QStringLiteral("include")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        values.removeIf([&wanted](const auto &it) { return !wanted.contains(it.key()); });
    }
    return SimResponse::rawJson(200, ContextStore::document(values));
}

SimResponse
ContextService::propertyCall(SimRequest &request, const QString &ns, const QString &session, const QString &key)
{
    if (isMethod(request, "GET")) {
        const std::optional<QByteArray> value = m_store.property(ns, session, key);
        if (!value)
            return SimResponse::message(404, QStringLiteral("Property %1 not found").arg(key));
        return SimResponse::rawJson(200, *value);
    }
    if (isMethod(request, "DELETE")) {
        m_store.removeProperty(ns, session, key);
        return SimResponse::empty(204);
    }
    if (!isMethod(request, "PUT"))
        return methodNotAllowed();

    if (std::optional<SimResponse> refused = checkJsonBody(request))
        return *refused;
    const QList<RawJson::Member> members {{key, request.body().trimmed()}};
    if (ContextStore::document(m_store.merged(ns, session, members)).size() > m_documentLimit)
        return SimResponse::message(413, QStringLiteral("document too large"));
    m_store.merge(ns, session, members);
    return SimResponse::empty(204);
}

SimResponse ContextService::patchProperties(SimRequest &request, const QString &ns, const QString &session)
{
    if (std::optional<SimResponse> refused = checkJsonBody(request))
        return *refused;
    if (!RawJson::isObject(request.body()))
        return SimResponse::message(400, QStringLiteral("Body must be a JSON object"));

    const QList<RawJson::Member> members = RawJson::objectMembers(request.body());
    if (ContextStore::document(m_store.merged(ns, session, members)).size() > m_documentLimit)
        return SimResponse::message(413, QStringLiteral("document too large"));
    m_store.merge(ns, session, members);

    // The Maven-era API answered the namespace PATCH with a CAS token instead of 204.
    if (request.faults().take(Fault::Kind::CasBody))
        return SimResponse::json(200, QJsonObject {{QStringLiteral("cas"), QString::number(++m_cas)}});
    return SimResponse::empty(204);
}

SimResponse ContextService::pagedSessions(SimRequest &request, const QString &ns, bool withProperties) const
{
    int page = 0;
    int perPage = 100;
    if (!readPaging(request, &page, &perPage))
        return SimResponse::message(400, QStringLiteral("page must be >= 0 and perPage 1-1000"));

    const QStringList ids = m_store.sessionIds(ns).mid(qsizetype(page) * perPage, perPage);
    if (!withProperties)
        return SimResponse::json(200, QJsonArray::fromStringList(ids));

    QByteArray list = "[";
    for (const QString &id : ids) {
        if (list.size() > 1)
            list += ',';
        list += "{\"sessionId\":" + RawJson::quoted(id)
            + ",\"properties\":" + ContextStore::document(m_store.properties(ns, id)) + '}';
    }
    return SimResponse::rawJson(200, list + ']');
}
