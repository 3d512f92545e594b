#pragma once

#include "credentials.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>

class KeychainOperation;

namespace QKeychain {
class Job;
}

// Keeps each profile's bot credentials in the OS keychain through QtKeychain (Secret Service or
// KWallet on Linux, Keychain on macOS, Credential Manager on Windows), one entry per field.
//
// Asynchronous and GUI-thread only: read(), write() and remove() return at once and answer with
// a signal. Operations on one profile run one after another in the order they were asked for.
// Every keychain job is guarded by a timer of our own; a job that outlives it is reported as
// TimedOut but never deleted (the backend still holds a pointer to it): it deletes itself when
// it finally finishes and its late answer is ignored. Nothing is ever written anywhere else:
// QtKeychain's insecure plain-text fallback stays off.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Remove };
    Q_ENUM(Operation)

    enum class Status {
        Ok,
        NotFound, // no entry; on Secret Service a locked keyring reads the same way
        Incomplete, // some entries are missing or empty: counts as "no credentials"
        Locked, // access denied, or the keyring is locked
        NoService, // no Secret Service or KWallet, no backend, or libsecret missing
        TimedOut, // the keychain did not answer in time (locked, prompt open, hung bus)
        TooLarge, // a value is longer than MaxValueLength; nothing was written
        InvalidInput, // incomplete credentials or a bad profile name; nothing was written
        Failed, // anything else
    };
    Q_ENUM(Status)

    struct Result
    {
        Status status = Status::Failed;
        // What happened and what to do, for people. Names the service and key, never a value.
        QString message;
        // The keychain key of the step that failed (or is missing); empty when none applies.
        QString key;

        bool isOk() const { return status == Status::Ok; }
    };

    // One keychain entry per field, so no entry comes near Windows' 2,560-byte limit.
    enum class Field {
        Username,
        AppKey,
        Secret,
        AccessToken,
        AccessTokenSecret,
        MavenApiKey,
    };
    Q_ENUM(Field)

    // The keychain names. Changing any of them makes every user's saved credentials
    // unreachable: tst_credentialstore pins them, and a change needs a read-old/write-new
    // migration and a release note. The service is the application id; the key is
    // "<profile>/<field>", e.g. "default/secret".
    static constexpr QLatin1StringView ServiceName {SHIFTSYNC_APP_ID};
    static QString fieldName(Field field);
    static QString keyFor(const QString &profile, Field field);

    // The Credentials member a field is stored from and read into.
    static QString valueOf(const Credentials &credentials, Field field);
    static void setValue(Credentials *credentials, Field field, const QString &value);

    // The fields stored for a login form, in the order they are read and written. The OAuth 2.0
    // form has no access-token entries (the login client sends the placeholders itself).
    static QList<Field> fieldsFor(LoginForm form);

    // The longest value we store, in UTF-16 code units. 1,024 of them (and at most 2,560 bytes
    // of UTF-8, which is how QtKeychain hands text to Windows) fit one Credential Manager blob.
    static constexpr qsizetype MaxValueLength = 1024;
    static constexpr qsizetype MaxValueBytes = 2560;

    // What write() checks before it touches the keychain: the profile name, completeness for
    // the form, control characters (libsecret would cut a value at a NUL) and sizes.
    // Returns Ok, InvalidInput or TooLarge. Lets an editor check before it offers Save.
    static Result checkForSaving(const QString &profile, const Credentials &credentials);

    static QString statusName(Status status);

    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    // How long one keychain job may take before its operation ends with TimedOut (10 s by
    // default). Applies to operations started afterwards.
    std::chrono::milliseconds timeout() const;
    void setTimeout(std::chrono::milliseconds timeout);

    // Reads the fields `form` needs. readFinished carries the credentials only on Ok; a read
    // never writes anything, whatever it finds.
    void read(const QString &profile, LoginForm form);

    // Validates, then remembers the current values, writes the new ones field by field and, if
    // a write fails, puts the remembered values back (best effort) so a failed save does not
    // destroy the previous credentials. The OAuth 2.0 form also deletes the two legacy
    // access-token entries.
    void write(const QString &profile, const Credentials &credentials);

    // Deletes every entry of the profile; entries that do not exist are fine. Note that on a
    // locked Secret Service keyring libsecret reports success without deleting anything.
    void remove(const QString &profile);

    // An operation is running or waiting its turn.
    bool isBusy() const;

    // A write or remove is running or waiting, or a write/delete job that timed out has not
    // finished yet: quitting now may lose or half-apply a save. Wait for idle() (bounded) or
    // tell the user the save may not have completed.
    bool hasPendingWrite() const;

    // Keychain jobs that outlived their timeout and have not finished yet.
    int abandonedJobCount() const;

Q_SIGNALS:
    // The credentials argument is filled only on Ok. Never log it.
    void readFinished(const QString &profile, CredentialStore::Result result, const Credentials &credentials);
    void writeFinished(const QString &profile, CredentialStore::Result result);
    void removeFinished(const QString &profile, CredentialStore::Result result);

    // Emitted after an operation's result or an abandoned write job's end, when isBusy() and
    // hasPendingWrite() are both false.
    void idle();

private:
    void enqueue(KeychainOperation *operation);
    void onOperationFinished(KeychainOperation *operation, const Result &result, const Credentials &credentials);
    void deliver(Operation operation, const QString &profile, const Result &result, const Credentials &credentials);
    void trackAbandonedJob(QKeychain::Job *job, bool changesKeychain);
    void emitIdleIfIdle();

    std::chrono::milliseconds m_timeout {std::chrono::seconds(10)};
    // Per profile: the running operation first, then the waiting ones.
    QHash<QString, QList<KeychainOperation *>> m_queues;
    // Timed-out jobs still alive in QtKeychain, and whether each one changes the keychain.
    QHash<const QObject *, bool> m_abandonedJobs;
};

Q_DECLARE_METATYPE(CredentialStore::Result)
