#include "profileconfig.h"

#include "config/namespacerule.h"
#include "net/httpservice.h"

#include <QRegularExpression>

namespace {

constexpr int MinimumIntervalSeconds = 60;

QString urlProblem(const QUrl &url, const char *name)
{
    if (url.isEmpty())
        return QString();

    const QString option = QString::fromLatin1(name);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("%1 is not a valid URL").arg(option);
    if (url.scheme() == QLatin1String("https"))
        return QString();
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()))
        return QString();
    return QStringLiteral("%1 must use https (plain http is allowed only for this machine)").arg(option);
}

} // namespace

QStringList ProfileConfig::validate() const
{
    QStringList problems;

    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,20}$"));
    if (accountId.isEmpty())
        problems << QStringLiteral("the account id is not set (--account or the settings)");
    else if (!digits.match(accountId).hasMatch())
        problems << QStringLiteral("the account id '%1' must be digits only").arg(accountId);

    if (const QString error = NamespaceRule::error(contextNamespace); !error.isEmpty())
        problems << error;

    if (intervalSeconds < 1)
        problems << QStringLiteral("the interval must be at least 1 second");
    else if (intervalSeconds < MinimumIntervalSeconds && !allEndpointsLoopback())
        problems << QStringLiteral("intervals under %1 s are allowed only when every endpoint is on this machine")
                        .arg(MinimumIntervalSeconds);

    if (requestTimeoutSeconds < 1 || requestTimeoutSeconds > 600)
        problems << QStringLiteral("the request timeout must be between 1 and 600 seconds");

    if (!region.isEmpty()
        && !QStringList {QStringLiteral("z1"), QStringLiteral("z2"), QStringLiteral("z3")}.contains(region))
        problems << QStringLiteral("the context region must be z1, z2 or z3");

    for (const auto &[url, name] : {std::pair {&csdsUrl, "the CSDS URL"},
             std::pair {&loginUrl, "the login URL"},
             std::pair {&shiftStatusUrl, "the shift status URL"},
             std::pair {&contextUrl, "the context URL"},
             std::pair {&skillsUrl, "the skills URL"}}) {
        if (const QString problem = urlProblem(*url, name); !problem.isEmpty())
            problems << problem;
    }
    return problems;
}

QStringList ProfileConfig::warnings() const
{
    QStringList result;
    if (const QString warning = NamespaceRule::warning(contextNamespace); !warning.isEmpty())
        result << warning;
    if (loginForm == LoginForm::LegacyApiKey)
        result << QStringLiteral("the legacy OAuth 1.0 API key login was retired by LivePerson in 2025-2026; "
                                 "move the bot to OAuth 2.0 client credentials");
    return result;
}

bool ProfileConfig::allEndpointsLoopback() const
{
    const auto local = [](const QUrl &url) {
        return isLoopbackHost(url.host());
    };

    // Hosts the Domain API returns inherit its URL, so a loopback CSDS covers every service
    // that is not overridden elsewhere. The context store is never in CSDS: it needs its own.
    const bool csdsLocal = local(csdsUrl);
    for (const QUrl *url : {&loginUrl, &shiftStatusUrl, &skillsUrl}) {
        if (url->isEmpty() ? !csdsLocal : !local(*url))
            return false;
    }
    return !contextUrl.isEmpty() && local(contextUrl);
}
