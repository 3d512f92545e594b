#pragma once

#include "contextstore.h"
#include "simresponse.h"
#include "simulatoraccount.h"

#include <optional>

class SimRequest;

// The Conversation Context Service REST v1 under /v1/account/{acct}: namespace create, list
// and delete, namespace and session properties (PATCH merge, PUT, GET with ?include=, DELETE),
// session TTLs and the paged session lists. Checks the maven-api-key header (403), the account
// (404), reserved or malformed namespace names (400) and the document size limit (413).
class ContextService
{
public:
    explicit ContextService(const SimulatorAccount &account);

    SimResponse handle(SimRequest &request);

    ContextStore &store() { return m_store; }
    const ContextStore &store() const { return m_store; }

    // Maximum characters of one document (a namespace's or a session's properties); the real
    // service allows 800,000 and answers 413 "document too large" past it.
    void setDocumentLimit(qsizetype characters) { m_documentLimit = characters; }
    qsizetype documentLimit() const { return m_documentLimit; }

    // consumer, operational, conversation, faas, custom, sde
    static bool isReservedNamespace(const QString &ns);

private:
    std::optional<SimResponse> checkAccess(SimRequest &request) const;
    std::optional<SimResponse> checkNamespace(const QString &ns) const;
    static std::optional<SimResponse> checkJsonBody(SimRequest &request);

    SimResponse accountLevel(SimRequest &request, const QStringList &rest);
    SimResponse sessionTtlCall(SimRequest &request, const QStringList &rest);
    SimResponse namespaceLevel(SimRequest &request, const QStringList &rest);
    SimResponse propertiesCall(SimRequest &request, const QString &ns, const QString &session);
    SimResponse propertyCall(SimRequest &request, const QString &ns, const QString &session, const QString &key);
    SimResponse patchProperties(SimRequest &request, const QString &ns, const QString &session);
    SimResponse pagedSessions(SimRequest &request, const QString &ns, bool withProperties) const;

    const SimulatorAccount &m_account;
    ContextStore m_store;
    qsizetype m_documentLimit = 800000;
    int m_cas = 0;
};
