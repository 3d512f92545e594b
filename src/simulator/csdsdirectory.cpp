#include "csdsdirectory.h"

CsdsDirectory::CsdsDirectory(QString accountId)
    : m_accountId(std::move(accountId))
{ }

QStringList CsdsDirectory::serviceNames() const
{
    QStringList names {QStringLiteral("agentVep"), QStringLiteral("asyncMessagingEnt")};
    if (m_shiftStatusListed)
        names.append(QStringLiteral("shiftstatus"));
    names.append({QStringLiteral("accountConfigReadOnly"), QStringLiteral("accountConfigReadWrite")});
    return names;
}

QJsonObject CsdsDirectory::list(const QString &accountId) const
{
    QJsonArray baseUris;
    if (accountId == m_accountId) {
        for (const QString &name : serviceNames())
            baseUris.append(entry(name));
    }
    return QJsonObject {{QStringLiteral("baseURIs"), baseUris}};
}

std::optional<QJsonObject> CsdsDirectory::service(const QString &accountId, const QString &name) const
{
    // Service names are case-sensitive in the real API.
    if (accountId != m_accountId || !serviceNames().contains(name))
        return std::nullopt;
    return entry(name);
}

QJsonObject CsdsDirectory::entry(const QString &name) const
{
    return QJsonObject {
        {QStringLiteral("service"), name},
        {QStringLiteral("account"), m_accountId},
        {QStringLiteral("baseURI"), m_host},
    };
}
