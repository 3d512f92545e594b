#pragma once

#include "rawjson.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// The Conversation Context Service's data: namespaces, each with sessions of properties. Values
// are kept as the exact JSON text the client sent. Namespace-level properties live in the
// session "__default__", which is how the real service aliases /{ns}/properties and
// /{ns}/__default__/properties.
class ContextStore
{
public:
    using Properties = QMap<QString, QByteArray>; // key -> JSON text

    struct NamespaceInfo
    {
        QString name;
        QDateTime createdAt;
        qint64 ttlSecond = 0;
    };

    struct SessionTtl
    {
        QString sessionId;
        QDateTime createdAt;
        qint64 ttlSecond = 0;
    };

    static QString defaultSession() { return QStringLiteral("__default__"); }

    bool contains(const QString &ns) const { return m_namespaces.contains(ns); }
    void createNamespace(const QString &ns, qint64 ttlSecond);
    void deleteNamespace(const QString &ns) { m_namespaces.remove(ns); }
    QList<NamespaceInfo> namespaces() const;
    void clear() { m_namespaces.clear(); }

    Properties properties(const QString &ns, const QString &session) const;
    std::optional<QByteArray> property(const QString &ns, const QString &session, const QString &key) const;

    // The document after merging `members` in, without storing it (for the size check).
    Properties merged(const QString &ns, const QString &session, const QList<RawJson::Member> &members) const;
    void merge(const QString &ns, const QString &session, const QList<RawJson::Member> &members);
    void removeProperty(const QString &ns, const QString &session, const QString &key);
    void clearSession(const QString &ns, const QString &session); // properties only, keeps its TTL
    void deleteSession(const QString &ns, const QString &session); // properties and TTL

    void setSessionTtl(const QString &ns, const QString &session, qint64 ttlSecond);
    QList<SessionTtl> sessionTtls(const QString &ns) const;

    // Sessions holding properties, "__default__" first.
    QStringList sessionIds(const QString &ns) const;

    // A properties map as one JSON object text.
    static QByteArray document(const Properties &properties);

private:
    struct Namespace
    {
        QDateTime createdAt;
        qint64 ttlSecond = 0;
        QMap<QString, Properties> sessions;
        QMap<QString, SessionTtl> sessionTtls;
    };

    Namespace &ensure(const QString &ns);

    QMap<QString, Namespace> m_namespaces;
};
