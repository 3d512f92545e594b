#pragma once

#include "config/profileconfig.h"
#include "net/apierror.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>

class Clock;
class HttpService;

// The base URLs one cycle talks to, after overrides and the Domain API have been applied.
struct ServiceEndpoints
{
    QUrl login; // agentVep
    QUrl shiftStatus; // shiftstatus, falling back to asyncMessagingEnt
    QUrl skills; // accountConfigReadOnly; may be empty when the account has none
    QUrl context; // from the region (z1/z2/z3) or an override
    QString zone; // the region used for the context URL, empty when overridden
};

// Finds each service's host through LivePerson's Domain API (CSDS) and caches the answer
// for ten minutes, as LivePerson's own CLI does. Overrides win over CSDS; when every
// service is overridden, no CSDS call is made at all.
class DomainResolver : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ApiError &, const ServiceEndpoints &)>;

    DomainResolver(HttpService *http, const Clock &clock, QObject *parent = nullptr);

    void resolve(const ProfileConfig &config, QObject *context, Callback done);
    void invalidate() { m_cache.clear(); }

    // va -> z1, lo -> z2, sy -> z3, from the first label of a CSDS host; empty when unknown.
    static QString zoneForHost(const QString &host);

    static constexpr qint64 CacheLifetimeMs = 10 * 60 * 1000;

private:
    struct CacheEntry
    {
        QHash<QString, QString> hosts; // service name -> host[:port]
        QDateTime fetchedAt;
    };

    static bool needsCsds(const ProfileConfig &config);
    QString cacheKey(const ProfileConfig &config) const;
    void fetch(const ProfileConfig &config, QObject *context, Callback done);
    void complete(const ProfileConfig &config, const QHash<QString, QString> &hosts, const Callback &done) const;

    HttpService *m_http;
    const Clock &m_clock;
    QHash<QString, CacheEntry> m_cache;
};
