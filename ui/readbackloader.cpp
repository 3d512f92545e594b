#include "readbackloader.h"

#include "api/contextstoreclient.h"
#include "api/domainresolver.h"

#include <QJsonObject>

ReadBackLoader::ReadBackLoader(HttpService *http, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_context(new ContextStoreClient(http, this))
    , m_domains(new DomainResolver(http, clock, this))
{ }

ReadBackLoader::~ReadBackLoader() = default;

void ReadBackLoader::load(const ProfileConfig &config, const QUrl &contextBase, const QByteArray &apiKey)
{
    m_guard = std::make_unique<QObject>();
    if (!contextBase.isEmpty())
        return read(config, contextBase, apiKey);

    m_domains->resolve(config,
        m_guard.get(),
        [this, config, apiKey](const ApiError &error, const ServiceEndpoints &endpoints) {
            if (error.isError()) {
                m_guard.release()->deleteLater();
                Q_EMIT failed(error.toString());
                return;
            }
            read(config, endpoints.context, apiKey);
        });
}

void ReadBackLoader::read(const ProfileConfig &config, const QUrl &contextBase, const QByteArray &apiKey)
{
    const ContextStoreClient::Target target {contextBase, config.accountId, config.contextNamespace, apiKey};
    m_context->read(target, m_guard.get(), [this](const ApiError &error, const QJsonObject &properties) {
        // Deleting the guard from inside its own callback is unsafe: let the loop do it.
        m_guard.release()->deleteLater();
        if (error.isError())
            Q_EMIT failed(error.toString());
        else
            Q_EMIT loaded(properties);
    });
}
