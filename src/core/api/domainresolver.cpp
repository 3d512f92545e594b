#include "domainresolver.h"

#include "net/httpservice.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/redaction.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

const QString LoginService = QStringLiteral("agentVep");
const QString SkillsService = QStringLiteral("accountConfigReadOnly");

// A CSDS answer is a bare host ("va.agentvep.liveperson.net", or host:port from the
// simulator); it inherits the Domain API URL's scheme.
QUrl urlForHost(const QUrl &csdsUrl, const QString &host)
{
    if (host.isEmpty())
        return QUrl();
    return QUrl(csdsUrl.scheme() + QStringLiteral("://") + host);
}

// A usable CSDS host: a DNS name or address with an optional port, nothing else. Anything
// with a scheme, a path or user info is refused rather than guessed at.
bool isPlainHost(const QString &host)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$"));
    return plain.match(host).hasMatch();
}

QHash<QString, QString> parseBaseUris(const QJsonObject &object)
{
    QHash<QString, QString> hosts;
    const QJsonArray entries = object.value(QLatin1String("baseURIs")).toArray();
    for (const QJsonValue &entry : entries) {
        const QJsonObject item = entry.toObject();
        const QString service = item.value(QLatin1String("service")).toString();
        const QString host = item.value(QLatin1String("baseURI")).toString().trimmed();
        if (service.isEmpty() || host.isEmpty())
            continue;
        if (!isPlainHost(host)) {
            qCWarning(lcDomains).noquote() << "ignoring the unusable host" << Redaction::bodyExcerpt(host.toUtf8(), 80)
                                           << "listed for service" << service;
            continue;
        }
        hosts.insert(service, host);
    }
    return hosts;
}

} // namespace

DomainResolver::DomainResolver(HttpService *http, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock)
{ }

QString DomainResolver::zoneForHost(const QString &host)
{
    const QString label = host.section(QLatin1Char('.'), 0, 0).toLower();
    if (label == QLatin1String("va"))
        return QStringLiteral("z1");
    if (label == QLatin1String("lo"))
        return QStringLiteral("z2");
    if (label == QLatin1String("sy"))
        return QStringLiteral("z3");
    return QString();
}

bool DomainResolver::needsCsds(const ProfileConfig &config)
{
    // Skills are optional (names only), so a missing skills override does not force a lookup.
    const bool contextKnown = !config.contextUrl.isEmpty() || !config.region.isEmpty();
    return config.loginUrl.isEmpty() || config.shiftStatusUrl.isEmpty() || !contextKnown;
}

QString DomainResolver::cacheKey(const ProfileConfig &config) const
{
    return config.csdsUrl.toString() + QLatin1Char('|') + config.accountId;
}

void DomainResolver::resolve(const ProfileConfig &config, QObject *context, Callback done)
{
    if (!needsCsds(config)) {
        complete(config, {}, done);
        return;
    }

    const auto cached = m_cache.constFind(cacheKey(config));
    if (cached != m_cache.cend() && cached->fetchedAt.msecsTo(m_clock.nowUtc()) < CacheLifetimeMs) {
        complete(config, cached->hosts, done);
        return;
    }

    fetch(config, context, std::move(done));
}

void DomainResolver::fetch(const ProfileConfig &config, QObject *context, Callback done)
{
    QUrl url = config.csdsUrl;
    url.setPath(QStringLiteral("/api/account/%1/service/baseURI.json").arg(config.accountId));
    url.setQuery(QStringLiteral("version=1.0"));

    HttpCall call;
    call.step = SyncStep::Domains;
    call.url = url;
    call.expect = Expect::JsonObject;

    m_http->send(call, context, [this, config, done](const HttpResult &result) {
        if (!result.ok()) {
            done(result.error, {});
            return;
        }

        const QHash<QString, QString> hosts = parseBaseUris(result.json.object());
        qCInfo(lcDomains).noquote() << "resolved" << hosts.size() << "services for account" << config.accountId
                                    << "from" << Redaction::url(config.csdsUrl);
        m_cache.insert(cacheKey(config), CacheEntry {hosts, m_clock.nowUtc()});
        complete(config, hosts, done);
    });
}

void DomainResolver::complete(const ProfileConfig &config,
    const QHash<QString, QString> &hosts,
    const Callback &done) const
{
    ServiceEndpoints endpoints;
    const auto fail = [&](const QString &detail, const QString &hint) {
        ApiError error = ApiError::make(SyncStep::Domains, ErrorKind::Configuration, detail, hint);
        error.host = hostForPeople(config.csdsUrl);
        done(error, {});
    };

    endpoints.login
        = !config.loginUrl.isEmpty() ? config.loginUrl : urlForHost(config.csdsUrl, hosts.value(LoginService));
    if (endpoints.login.isEmpty())
        return fail(
            QStringLiteral("the Domain API lists no '%1' service for account %2").arg(LoginService, config.accountId),
            QStringLiteral("Check the account id, or set the login URL override"));

    endpoints.shiftStatus = config.shiftStatusUrl;
    for (const QString &service : config.shiftStatusServices) {
        if (endpoints.shiftStatus.isEmpty())
            endpoints.shiftStatus = urlForHost(config.csdsUrl, hosts.value(service));
    }
    if (endpoints.shiftStatus.isEmpty())
        return fail(QStringLiteral("the Domain API lists none of %1 for account %2")
                        .arg(config.shiftStatusServices.join(QStringLiteral(", ")), config.accountId),
            QStringLiteral("Set the shift status URL override"));

    endpoints.skills
        = !config.skillsUrl.isEmpty() ? config.skillsUrl : urlForHost(config.csdsUrl, hosts.value(SkillsService));

    if (!config.contextUrl.isEmpty()) {
        endpoints.context = config.contextUrl;
    } else {
        endpoints.zone = !config.region.isEmpty() ? config.region : zoneForHost(endpoints.login.host());
        if (endpoints.zone.isEmpty())
            return fail(
                QStringLiteral("cannot tell the context store region from the host '%1'").arg(endpoints.login.host()),
                QStringLiteral("Set the context region (z1 Americas, z2 EMEA, z3 APAC) or the context URL"));
        endpoints.context = QUrl(QStringLiteral("https://%1.context.liveperson.net").arg(endpoints.zone));
    }

    done(ApiError(), endpoints);
}
