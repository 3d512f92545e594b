#pragma once

#include "credentials.h"
#include "credentialstore.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <optional>

namespace QKeychain {
class Job;
}

// One CredentialStore operation (read, write or remove of one profile) as a chain of QtKeychain
// jobs, one at a time, each guarded by the operation's timer. Internal to CredentialStore.
//
// Jobs have no parent and delete themselves when they finish: the Linux backends keep a raw
// pointer to the job until their callback runs, so deleting a job early crashes (B04). A job
// that outlives the timer is handed to the store through jobAbandoned() and forgotten here.
class KeychainOperation : public QObject
{
    Q_OBJECT

public:
    using Operation = CredentialStore::Operation;
    using Field = CredentialStore::Field;
    using Result = CredentialStore::Result;
    using Status = CredentialStore::Status;

    // For Read, only credentials.form is used.
    KeychainOperation(Operation operation,
        const QString &profile,
        const Credentials &credentials,
        std::chrono::milliseconds timeout,
        QObject *parent);

    Operation operation() const { return m_operation; }
    QString profile() const { return m_profile; }
    bool isStarted() const { return m_started; }
    bool changesKeychain() const { return m_operation != Operation::Read; }

    void start();

Q_SIGNALS:
    // Emitted once, as the operation's last act. credentials is filled only for a read that is Ok.
    void finished(const CredentialStore::Result &result, const Credentials &credentials);
    // A job did not finish before the timer: it is still alive inside QtKeychain.
    void jobAbandoned(QKeychain::Job *job, bool changesKeychain);

private:
    enum class Phase { Reading, ReadingPrevious, Writing, Restoring, DeletingLegacy, Removing };
    using JobHandler = void (KeychainOperation::*)(QKeychain::Job *job);

    // Starting jobs.
    void startRead(Field field, JobHandler handler);
    void startWrite(Field field, const QString &value, JobHandler handler);
    void startDelete(Field field, JobHandler handler);
    void run(QKeychain::Job *job, Field field, JobHandler handler);
    void onTimeout();

    // read()
    void readNext();
    void onRead(QKeychain::Job *job);
    void finishRead();

    // write()
    void readPreviousNext();
    void onPreviousRead(QKeychain::Job *job);
    void writeNext();
    void onWritten(QKeychain::Job *job);
    void restoreNext();
    void onRestored(QKeychain::Job *job);
    void finishFailedWrite();
    void deleteLegacyNext();
    void onLegacyDeleted(QKeychain::Job *job);
    void finishWrite();

    // remove()
    void removeNext();
    void onRemoved(QKeychain::Job *job);

    QString keyFor(Field field) const;
    Result jobFailure(QKeychain::Job *job, const QString &what) const;
    void finish(const Result &result, const Credentials &credentials = {});

    const Operation m_operation;
    const QString m_profile;
    const Credentials m_credentials;
    const QList<Field> m_fields;
    bool m_started = false;
    Phase m_phase = Phase::Reading;

    QTimer m_timer;
    QPointer<QKeychain::Job> m_job;
    Field m_jobField = Field::Username;
    bool m_jobChangesKeychain = false;
    qsizetype m_index = 0;

    // read()
    Credentials m_read;
    QStringList m_missingKeys;

    // write(): the values before the save (nullopt: no entry), the first failure, and what
    // could not be put back or cleaned up.
    QList<std::optional<QString>> m_previous;
    Result m_failure;
    QStringList m_restoreProblems;
    QStringList m_legacyProblems;
    QList<Field> m_legacyFields;
};
