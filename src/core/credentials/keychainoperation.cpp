#include "keychainoperation.h"

#include "credentials/keychainerror.h"
#include "util/logging.h"

#include <qt6keychain/keychain.h>

namespace {

QString service()
{
    return QString(CredentialStore::ServiceName);
}

} // namespace

KeychainOperation::KeychainOperation(Operation operation,
    const QString &profile,
    const Credentials &credentials,
    std::chrono::milliseconds timeout,
    QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_profile(profile)
    , m_credentials(credentials)
    , m_fields(operation == Operation::Remove ? CredentialStore::fieldsFor(LoginForm::LegacyApiKey)
                                              : CredentialStore::fieldsFor(credentials.form))
{
    m_read.form = credentials.form;
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeout);
    connect(&m_timer, &QTimer::timeout, this, &KeychainOperation::onTimeout);
}

void KeychainOperation::start()
{
    Q_ASSERT(!m_started);
    m_started = true;
    m_index = 0;

    switch (m_operation) {
    case Operation::Read:
        m_phase = Phase::Reading;
        readNext();
        break;
    case Operation::Write:
        m_phase = Phase::ReadingPrevious;
        readPreviousNext();
        break;
    case Operation::Remove:
        m_phase = Phase::Removing;
        removeNext();
        break;
    }
}

// ---- jobs ----

void KeychainOperation::startRead(Field field, JobHandler handler)
{
    // No parent on purpose: see the class comment.
    run(new QKeychain::ReadPasswordJob(service(), nullptr), field, handler);
}

void KeychainOperation::startWrite(Field field, const QString &value, JobHandler handler)
{
    auto *job = new QKeychain::WritePasswordJob(service(), nullptr);
    job->setTextData(value);
    run(job, field, handler);
}

void KeychainOperation::startDelete(Field field, JobHandler handler)
{
    run(new QKeychain::DeletePasswordJob(service(), nullptr), field, handler);
}

void KeychainOperation::run(QKeychain::Job *job, Field field, JobHandler handler)
{
    job->setKey(keyFor(field));
    job->setAutoDelete(true);
    job->setInsecureFallback(false);

    m_job = job;
    m_jobField = field;
    m_jobChangesKeychain = qobject_cast<QKeychain::ReadPasswordJob *>(job) == nullptr;

    // The context object drops the connection if this operation is destroyed first; the
    // identity check ignores a job we have already given up on.
    connect(job, &QKeychain::Job::finished, this, [this, handler](QKeychain::Job *finished) {
        if (finished != m_job)
            return;
        m_timer.stop();
        m_job = nullptr;
        qCDebug(lcKeychain) << "job for" << finished->key() << "finished with error" << finished->error();
        (this->*handler)(finished);
    });

    qCDebug(lcKeychain) << "starting" << job->metaObject()->className() << "for" << job->key();
    m_timer.start();
    job->start();
}

void KeychainOperation::onTimeout()
{
    QKeychain::Job *job = m_job.data();
    m_job = nullptr;
    const QString key = keyFor(m_jobField);
    qCWarning(lcKeychain).noquote() << QStringLiteral("keychain job for %1 in service %2 did not finish within %3 ms; "
                                                      "leaving it to finish on its own")
                                           .arg(key, service())
                                           .arg(m_timer.interval());

    // Never delete the job: it deletes itself when the backend finally answers.
    if (job) {
        disconnect(job, nullptr, this, nullptr);
        Q_EMIT jobAbandoned(job, m_jobChangesKeychain);
    }

    const QString where = QStringLiteral("(service %1, key %2)").arg(service(), key);
    switch (m_phase) {
    case Phase::Restoring:
        // The save already failed; say so, and that the old values may not all be back.
        m_failure.message += QStringLiteral(" Restoring the previous values timed out at %1: the keychain may hold a "
                                            "mix of old and new values; save again.")
                                 .arg(key);
        finish(m_failure);
        return;
    case Phase::DeletingLegacy:
        m_legacyProblems << key;
        finishWrite();
        return;
    case Phase::Writing:
        finish({Status::TimedOut,
            QStringLiteral("The keychain is not responding %1; unlock it or retry. The save may be incomplete: "
                           "save again once the keychain answers.")
                .arg(where),
            key});
        return;
    default:
        break;
    }
    finish(
        {Status::TimedOut, QStringLiteral("The keychain is not responding %1; unlock it or retry.").arg(where), key});
}

// ---- read() ----

void KeychainOperation::readNext()
{
    if (m_index == m_fields.size()) {
        finishRead();
        return;
    }
    startRead(m_fields.at(m_index), &KeychainOperation::onRead);
}

void KeychainOperation::onRead(QKeychain::Job *job)
{
    const Field field = m_fields.at(m_index);
    const QString key = keyFor(field);

    if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound) {
        const QString value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        // An empty value with no error is how some backends say "not found" (B03).
        if (value.trimmed().isEmpty()) {
            qCDebug(lcKeychain) << "no value for" << key;
            m_missingKeys << key;
        } else {
            CredentialStore::setValue(&m_read, field, value);
        }
        ++m_index;
        readNext();
        return;
    }

    finish(jobFailure(job, QStringLiteral("Reading the credentials of profile \"%1\"").arg(m_profile)));
}

void KeychainOperation::finishRead()
{
    const QString where = QStringLiteral("(service %1)").arg(service());

    if (m_missingKeys.size() == m_fields.size()) {
        finish({Status::NotFound,
            QStringLiteral("No credentials are stored for profile \"%1\" (service %2, key %3). A locked keyring "
                           "also reads as not found on this backend: unlock it and retry; otherwise enter the "
                           "credentials and save them.")
                .arg(m_profile, service(), m_missingKeys.first()),
            m_missingKeys.first()});
        return;
    }

    if (!m_missingKeys.isEmpty()) {
        finish({Status::Incomplete,
            QStringLiteral("The stored credentials of profile \"%1\" are incomplete %2: %3 missing or empty. "
                           "Enter the credentials and save them again.")
                .arg(m_profile, where, m_missingKeys.join(QStringLiteral(", "))),
            m_missingKeys.first()});
        return;
    }

    m_read.registerSecrets();
    finish({Status::Ok, QStringLiteral("Credentials of profile \"%1\" read %2.").arg(m_profile, where), {}}, m_read);
}

// ---- write() ----

void KeychainOperation::readPreviousNext()
{
    if (m_index == m_fields.size()) {
        m_phase = Phase::Writing;
        m_index = 0;
        writeNext();
        return;
    }
    startRead(m_fields.at(m_index), &KeychainOperation::onPreviousRead);
}

void KeychainOperation::onPreviousRead(QKeychain::Job *job)
{
    if (job->error() == QKeychain::NoError) {
        m_previous << static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
    } else if (job->error() == QKeychain::EntryNotFound) {
        m_previous << std::nullopt;
    } else {
        // A read failure never leads to a write: stop before changing anything.
        Result failure = jobFailure(job, QStringLiteral("Saving the credentials of profile \"%1\"").arg(m_profile));
        failure.message += QStringLiteral(" Nothing was changed.");
        finish(failure);
        return;
    }
    ++m_index;
    readPreviousNext();
}

void KeychainOperation::writeNext()
{
    if (m_index == m_fields.size()) {
        m_phase = Phase::DeletingLegacy;
        if (m_credentials.form == LoginForm::OAuth2ClientCredentials)
            m_legacyFields = {Field::AccessToken, Field::AccessTokenSecret};
        m_index = 0;
        deleteLegacyNext();
        return;
    }
    const Field field = m_fields.at(m_index);
    startWrite(field, CredentialStore::valueOf(m_credentials, field), &KeychainOperation::onWritten);
}

void KeychainOperation::onWritten(QKeychain::Job *job)
{
    if (job->error() == QKeychain::NoError) {
        ++m_index;
        writeNext();
        return;
    }

    m_failure = jobFailure(job, QStringLiteral("Saving the credentials of profile \"%1\"").arg(m_profile));
    m_phase = Phase::Restoring;
    --m_index; // the entry that failed was not written; restore the ones before it
    restoreNext();
}

void KeychainOperation::restoreNext()
{
    if (m_index < 0) {
        finishFailedWrite();
        return;
    }

    const Field field = m_fields.at(m_index);
    const std::optional<QString> &previous = m_previous.at(m_index);
    if (previous)
        startWrite(field, *previous, &KeychainOperation::onRestored);
    else
        startDelete(field, &KeychainOperation::onRestored);
}

void KeychainOperation::onRestored(QKeychain::Job *job)
{
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        qCWarning(lcKeychain).noquote()
            << QStringLiteral("could not restore %1 after a failed save: %2").arg(job->key(), job->errorString());
        m_restoreProblems << job->key();
    }
    --m_index;
    restoreNext();
}

void KeychainOperation::finishFailedWrite()
{
    Result failure = m_failure;
    if (m_restoreProblems.isEmpty()) {
        failure.message += QStringLiteral(" The previous credentials were kept.");
    } else {
        failure.message += QStringLiteral(" The previous values of %1 could not be restored: save again.")
                               .arg(m_restoreProblems.join(QStringLiteral(", ")));
    }
    finish(failure);
}

void KeychainOperation::deleteLegacyNext()
{
    if (m_index == m_legacyFields.size()) {
        finishWrite();
        return;
    }
    startDelete(m_legacyFields.at(m_index), &KeychainOperation::onLegacyDeleted);
}

void KeychainOperation::onLegacyDeleted(QKeychain::Job *job)
{
    // The new credentials are saved already; a leftover legacy entry is unused, so it is
    // reported but does not fail the save.
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        qCWarning(lcKeychain).noquote()
            << QStringLiteral("could not delete the unused legacy entry %1: %2").arg(job->key(), job->errorString());
        m_legacyProblems << job->key();
    }
    ++m_index;
    deleteLegacyNext();
}

void KeychainOperation::finishWrite()
{
    QString message = QStringLiteral("Credentials of profile \"%1\" saved (service %2).").arg(m_profile, service());
    if (!m_legacyProblems.isEmpty()) {
        message += QStringLiteral(" The unused legacy entries %1 could not be deleted.")
                       .arg(m_legacyProblems.join(QStringLiteral(", ")));
    }
    finish({Status::Ok, message, {}});
}

// ---- remove() ----

void KeychainOperation::removeNext()
{
    if (m_index == m_fields.size()) {
        finish({Status::Ok,
            QStringLiteral("Credentials of profile \"%1\" removed (service %2).").arg(m_profile, service()),
            {}});
        return;
    }
    startDelete(m_fields.at(m_index), &KeychainOperation::onRemoved);
}

void KeychainOperation::onRemoved(QKeychain::Job *job)
{
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        finish(jobFailure(job, QStringLiteral("Removing the credentials of profile \"%1\"").arg(m_profile)));
        return;
    }
    ++m_index;
    removeNext();
}

// ---- common ----

QString KeychainOperation::keyFor(Field field) const
{
    return CredentialStore::keyFor(m_profile, field);
}

KeychainOperation::Result KeychainOperation::jobFailure(QKeychain::Job *job, const QString &what) const
{
    return {KeychainError::statusFor(job->error()),
        QStringLiteral("%1 failed (service %2, key %3): %4")
            .arg(what, service(), job->key(), KeychainError::explain(job->error(), job->errorString())),
        job->key()};
}

void KeychainOperation::finish(const Result &result, const Credentials &credentials)
{
    m_timer.stop();
    // Last act: the store may delete this object in response.
    Q_EMIT finished(result, credentials);
}
