#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// What the Domain API (CSDS) answers for the account: every service this tool needs, each
// pointing at the simulator's own "host:port" (no scheme, as LivePerson writes baseURI).
class CsdsDirectory
{
public:
    explicit CsdsDirectory(QString accountId);

    void setHost(const QString &hostAndPort) { m_host = hostAndPort; }
    QString host() const { return m_host; }

    // Leaves "shiftstatus" out so a client's fallback to asyncMessagingEnt can be tested.
    void setShiftStatusServiceListed(bool listed) { m_shiftStatusListed = listed; }
    bool shiftStatusServiceListed() const { return m_shiftStatusListed; }

    QStringList serviceNames() const;

    // {"baseURIs":[{"service","account","baseURI"},...]}; empty for another account.
    QJsonObject list(const QString &accountId) const;

    // {"service","account","baseURI"} for one service, or nothing for an unknown one.
    std::optional<QJsonObject> service(const QString &accountId, const QString &name) const;

private:
    QJsonObject entry(const QString &name) const;

    QString m_accountId;
    QString m_host;
    bool m_shiftStatusListed = true;
};
