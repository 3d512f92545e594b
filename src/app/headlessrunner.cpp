#include "headlessrunner.h"

#include "api/contextstoreclient.h"
#include "config/profilesettings.h"
#include "credentials/credentialsfile.h"
#include "credentials/credentialstore.h"
#include "exitcodes.h"
#include "net/httpservice.h"
#include "skilltable.h"
#include "sync/activitylog.h"
#include "sync/syncengine.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace

HeadlessRunner::HeadlessRunner(const CommandLine &line, QObject *parent)
    : QObject(parent)
    , m_line(line)
    , m_nam(new QNetworkAccessManager(this))
    , m_http(new HttpService(m_nam, this))
    , m_engine(new SyncEngine(m_http, Clock::system(), this))
    , m_context(new ContextStoreClient(m_http, this))
    , m_store(new CredentialStore(this))
{
    m_engine->setStateStore(&m_settings);
    m_engine->activityLog()->setFilePath(ActivityLog::defaultFilePath());
    connect(m_engine, &SyncEngine::cycleFinished, this, &HeadlessRunner::onCycleFinished);
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start()
{
    m_config = m_line.apply(ProfileSettings::load(m_settings, m_line.profile));
    if (m_line.mode == CommandLine::Mode::ImportCredentials)
        return importCredentials();

    if (const QStringList problems = m_config.validate(); !problems.isEmpty()) {
        return fail(ExitCode::Usage,
            QStringLiteral("cannot sync profile '%1': %2 (options, or the settings in %3)")
                .arg(m_config.profile, problems.join(QStringLiteral("; ")), m_settings.fileName()));
    }
    for (const QString &warning : m_config.warnings())
        qCInfo(lcApp).noquote() << "note:" << warning;

    if (m_line.saveSettings) {
        ProfileSettings::save(m_settings, m_config);
        qCInfo(lcApp).noquote() << "saved the settings of profile" << m_config.profile;
    }
    obtainCredentials();
}

void HeadlessRunner::importCredentials()
{
    Credentials credentials;
    QString error;
    if (!CredentialsFile::load(m_line.importFile, &credentials, &error))
        return fail(ExitCode::CredentialsUnavailable, error);

    connect(m_store,
        &CredentialStore::writeFinished,
        this,
        [this, credentials](const QString &, const CredentialStore::Result &result) {
            if (result.status != CredentialStore::Status::Ok)
                return fail(ExitCode::CredentialsUnavailable,
                    QStringLiteral("could not store the credentials: ") + result.message);

            // The login form and account are settings, not secrets: keep them with the profile.
            m_config.loginForm = credentials.form;
            ProfileSettings::save(m_settings, m_config);
            err() << "Stored the credentials of profile '" << m_config.profile << "' ("
                  << loginFormName(credentials.form) << " login) in the OS keychain under service "
                  << CredentialStore::ServiceName << ".\n";
            err().flush();
            finish(ExitCode::Success);
        });
    m_store->write(m_config.profile, credentials);
}

void HeadlessRunner::obtainCredentials()
{
    if (!m_line.credentialsFile.isEmpty()) {
        Credentials credentials;
        QString error;
        if (!CredentialsFile::load(m_line.credentialsFile, &credentials, &error))
            return fail(ExitCode::CredentialsUnavailable, error);
        m_config.loginForm = credentials.form;
        return run(credentials);
    }

    connect(m_store,
        &CredentialStore::readFinished,
        this,
        [this](const QString &, const CredentialStore::Result &result, const Credentials &credentials) {
            if (result.status != CredentialStore::Status::Ok)
                return fail(ExitCode::CredentialsUnavailable,
                    result.message
                        + QStringLiteral(" Store them with 'shiftsync --import-credentials FILE', or pass "
                                         "--credentials-file FILE (mode 0600)."));
            run(credentials);
        });
    m_store->read(m_config.profile, m_config.loginForm);
}

void HeadlessRunner::run(const Credentials &credentials)
{
    m_credentials = credentials;
    m_engine->setConfig(m_config);
    m_engine->setCredentials(credentials);

    if (m_line.mode == CommandLine::Mode::ShowCache)
        return showCache();

    // --sync-once also runs on the engine's schedule, so that a passing 5xx or 429 gets the
    // short retries of the retry policy before the run gives up (see onCycleFinished()).
    m_engine->start();
}

void HeadlessRunner::onCycleFinished(const CycleReport &report)
{
    ++m_cyclesDone;
    m_lastExitCode = ExitCode::forError(report.error);
    printReport(report);

    if (m_line.mode == CommandLine::Mode::SyncOnce) {
        if (report.ok && m_line.showCache)
            return showCache();
        if (!report.ok && retrySoon())
            return;
        return finish(m_lastExitCode);
    }

    // A halted engine waits for an operator who is not here: exit so the service manager sees it.
    const bool enough = m_line.cycles > 0 && m_cyclesDone >= m_line.cycles;
    if (enough || m_engine->halted())
        finish(m_lastExitCode);
}

bool HeadlessRunner::retrySoon()
{
    // A single run may wait through the policy's first short retries (5, 10, 15 s, or a
    // short Retry-After), but not through backoff meant for a long-running loop.
    const qint64 waitMs = QDateTime::currentDateTimeUtc().msecsTo(m_engine->nextSyncAt());
    const bool transient = m_engine->state() == EngineState::WaitingToRetry;
    if (!transient || m_retries >= m_line.retries || waitMs > MaxSyncOnceWaitMs)
        return false;

    ++m_retries;
    err() << "Retrying in " << (waitMs + 999) / 1000 << " s (attempt " << m_retries + 1 << " of " << m_line.retries + 1
          << ").\n";
    err().flush();
    return true;
}

void HeadlessRunner::printReport(const CycleReport &report)
{
    if (m_line.json) {
        out() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
        out().flush();
        return;
    }
    if (!report.ok) {
        err() << "Sync failed: " << report.error.toString() << '\n';
        err().flush();
        return;
    }

    out() << "Synced " << report.skills << " skills (" << report.onShift << " on shift) to namespace '"
          << report.contextNamespace << "' at " << report.timestamp << " in " << report.durationMs() << " ms, "
          << report.requests << " HTTP requests" << (report.loggedIn ? " (logged in)" : "") << ".\n";
    for (const QString &warning : report.warnings)
        out() << "warning: " << warning << '\n';
    if (m_line.mode == CommandLine::Mode::SyncOnce)
        out() << '\n' << SkillTable::render(m_engine->skills()) << "\n\n";
    out().flush();
}

void HeadlessRunner::showCache()
{
    // The read-back needs the context host: reuse what the cycle resolved, or resolve it now.
    if (!m_engine->endpoints().context.isEmpty())
        return readCache(m_engine->endpoints().context);

    auto *resolver = new DomainResolver(m_http, Clock::system(), this);
    resolver->resolve(m_config, this, [this](const ApiError &error, const ServiceEndpoints &endpoints) {
        if (error.isError())
            return fail(ExitCode::forError(error), error.toString());
        readCache(endpoints.context);
    });
}

void HeadlessRunner::readCache(const QUrl &base)
{
    const ContextStoreClient::Target target {base,
        m_config.accountId,
        m_config.contextNamespace,
        m_credentials.mavenApiKey.toUtf8()};
    m_context->read(target, this, [this](const ApiError &error, const QJsonObject &properties) {
        if (error.isError())
            return fail(ExitCode::forError(error), error.toString());

        printCache(properties);
        finish(m_lastExitCode);
    });
}

void HeadlessRunner::printCache(const QJsonObject &properties)
{
    if (m_line.json) {
        out() << QJsonDocument(properties).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << "What bots read from namespace '" << m_config.contextNamespace << "' (" << properties.size()
              << " keys, timestamp " << properties.value(QLatin1String("timestamp")).toString(QStringLiteral("none"))
              << "):\n"
              << QJsonDocument(properties).toJson(QJsonDocument::Indented);
    }
    out().flush();
}

void HeadlessRunner::stop()
{
    // A requested stop is a success for the service manager, whatever the last cycle did.
    qCInfo(lcApp) << "stopping on request";
    finish(ExitCode::Success);
}

void HeadlessRunner::fail(int exitCode, const QString &message)
{
    err() << "shiftsync: " << message << '\n';
    err().flush();
    finish(exitCode);
}

void HeadlessRunner::finish(int exitCode)
{
    if (m_finishing)
        return;

    m_finishing = true;
    m_engine->shutdown([this, exitCode] { Q_EMIT finished(exitCode); });
}
