#include "contextstore.h"

void ContextStore::createNamespace(const QString &ns, qint64 ttlSecond)
{
    Namespace &space = ensure(ns);
    if (ttlSecond > 0)
        space.ttlSecond = ttlSecond;
}

QList<ContextStore::NamespaceInfo> ContextStore::namespaces() const
{
    QList<NamespaceInfo> list;
    for (auto it = m_namespaces.cbegin(); it != m_namespaces.cend(); ++it)
        list.append({it.key(), it->createdAt, it->ttlSecond});
    return list;
}

ContextStore::Properties ContextStore::properties(const QString &ns, const QString &session) const
{
    return m_namespaces.value(ns).sessions.value(session);
}

std::optional<QByteArray> ContextStore::property(const QString &ns, const QString &session, const QString &key) const
{
    const Properties values = properties(ns, session);
    const auto it = values.constFind(key);
    if (it == values.cend())
        return std::nullopt;
    return *it;
}

ContextStore::Properties
ContextStore::merged(const QString &ns, const QString &session, const QList<RawJson::Member> &members) const
{
    Properties values = properties(ns, session);
    for (const RawJson::Member &member : members)
        values.insert(member.first, member.second);
    return values;
}

void ContextStore::merge(const QString &ns, const QString &session, const QList<RawJson::Member> &members)
{
    Namespace &space = ensure(ns);
    space.sessions[session] = merged(ns, session, members);
}

void ContextStore::removeProperty(const QString &ns, const QString &session, const QString &key)
{
    auto space = m_namespaces.find(ns);
    if (space == m_namespaces.end())
        return;

    auto values = space->sessions.find(session);
    if (values == space->sessions.end())
        return;

    values->remove(key);
    if (values->isEmpty())
        space->sessions.erase(values);
}

void ContextStore::clearSession(const QString &ns, const QString &session)
{
    auto space = m_namespaces.find(ns);
    if (space != m_namespaces.end())
        space->sessions.remove(session);
}

void ContextStore::deleteSession(const QString &ns, const QString &session)
{
    auto space = m_namespaces.find(ns);
    if (space == m_namespaces.end())
        return;

    space->sessions.remove(session);
    space->sessionTtls.remove(session);
}

void ContextStore::setSessionTtl(const QString &ns, const QString &session, qint64 ttlSecond)
{
    Namespace &space = ensure(ns);
    SessionTtl &ttl = space.sessionTtls[session];
    if (!ttl.createdAt.isValid())
        ttl.createdAt = QDateTime::currentDateTimeUtc();
    ttl.sessionId = session;
    ttl.ttlSecond = ttlSecond;
}

QList<ContextStore::SessionTtl> ContextStore::sessionTtls(const QString &ns) const
{
    return m_namespaces.value(ns).sessionTtls.values();
}

QStringList ContextStore::sessionIds(const QString &ns) const
{
    QStringList ids = m_namespaces.value(ns).sessions.keys();
    if (ids.removeOne(defaultSession()))
        ids.prepend(defaultSession());
    return ids;
}

QByteArray ContextStore::document(const Properties &properties)
{
    QList<RawJson::Member> members;
    for (auto it = properties.cbegin(); it != properties.cend(); ++it)
        members.append({it.key(), it.value()});
    return RawJson::object(members);
}

ContextStore::Namespace &ContextStore::ensure(const QString &ns)
{
    Namespace &space = m_namespaces[ns];
    if (!space.createdAt.isValid())
        space.createdAt = QDateTime::currentDateTimeUtc();
    return space;
}
