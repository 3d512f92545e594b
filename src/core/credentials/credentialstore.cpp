#include "credentialstore.h"

#include "credentials/keychainoperation.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QMetaEnum>
#include <QPointer>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <algorithm>

// 1,024 UTF-16 code units are 2,048 bytes, inside Windows' 2,560-byte credential blob.
static_assert(CredentialStore::MaxValueLength * 2 <= CredentialStore::MaxValueBytes);

namespace {

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

CredentialStore::Result invalid(const QString &message, const QString &key = {})
{
    return {CredentialStore::Status::InvalidInput, message, key};
}

CredentialStore::Result checkProfile(const QString &profile)
{
    if (profile.trimmed().isEmpty() || profile != profile.trimmed() || profile.contains(QLatin1Char('/'))
        || hasControlCharacter(profile)) {
        return invalid(QStringLiteral("The profile name \"%1\" cannot name keychain entries: use a non-empty name "
                                      "without '/', control characters or surrounding spaces.")
                           .arg(profile.left(64)));
    }
    return {CredentialStore::Status::Ok, {}, {}};
}

} // namespace

// ---- names ----

QString CredentialStore::fieldName(Field field)
{
    switch (field) {
    case Field::Username:
        return QStringLiteral("username");
    case Field::AppKey:
        return QStringLiteral("appKey");
    case Field::Secret:
        return QStringLiteral("secret");
    case Field::AccessToken:
        return QStringLiteral("accessToken");
    case Field::AccessTokenSecret:
        return QStringLiteral("accessTokenSecret");
    case Field::MavenApiKey:
        return QStringLiteral("mavenApiKey");
    }
    return {};
}

QString CredentialStore::valueOf(const Credentials &credentials, Field field)
{
    switch (field) {
    case Field::Username:
        return credentials.username;
    case Field::AppKey:
        return credentials.appKey;
    case Field::Secret:
        return credentials.secret;
    case Field::AccessToken:
        return credentials.accessToken;
    case Field::AccessTokenSecret:
        return credentials.accessTokenSecret;
    case Field::MavenApiKey:
        return credentials.mavenApiKey;
    }
    return {};
}

void CredentialStore::setValue(Credentials *credentials, Field field, const QString &value)
{
    switch (field) {
    case Field::Username:
        credentials->username = value;
        break;
    case Field::AppKey:
        credentials->appKey = value;
        break;
    case Field::Secret:
        credentials->secret = value;
        break;
    case Field::AccessToken:
        credentials->accessToken = value;
        break;
    case Field::AccessTokenSecret:
        credentials->accessTokenSecret = value;
        break;
    case Field::MavenApiKey:
        credentials->mavenApiKey = value;
        break;
    }
}

QString CredentialStore::keyFor(const QString &profile, Field field)
{
    return profile + QLatin1Char('/') + fieldName(field);
}

QList<CredentialStore::Field> CredentialStore::fieldsFor(LoginForm form)
{
    if (form == LoginForm::LegacyApiKey)
        return {Field::Username,
            Field::AppKey,
            Field::Secret,
            Field::AccessToken,
            Field::AccessTokenSecret,
            Field::MavenApiKey};
    return {Field::Username, Field::AppKey, Field::Secret, Field::MavenApiKey};
}

QString CredentialStore::statusName(Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Status>().valueToKey(static_cast<int>(status)));
}

CredentialStore::Result CredentialStore::checkForSaving(const QString &profile, const Credentials &credentials)
{
    if (Result profileCheck = checkProfile(profile); !profileCheck.isOk())
        return profileCheck;

    if (const QStringList missing = credentials.missingFields(); !missing.isEmpty()) {
        return invalid(
            QStringLiteral("The credentials of profile \"%1\" are incomplete: %2 missing. Nothing was saved.")
                .arg(profile, missing.join(QStringLiteral(", "))));
    }

    for (const Field field : fieldsFor(credentials.form)) {
        const QString value = valueOf(credentials, field);
        const QString key = keyFor(profile, field);
        if (hasControlCharacter(value)) {
            return invalid(QStringLiteral("The value for %1 contains a control character (a line break, tab or NUL); "
                                          "enter it again without one. Nothing was saved.")
                               .arg(key),
                key);
        }
        if (value.size() > MaxValueLength || value.toUtf8().size() > MaxValueBytes) {
            return {Status::TooLarge,
                QStringLiteral("The value for %1 is too long (%2 characters, at most %3): the Windows Credential "
                               "Manager stores at most 2,560 bytes per credential. Nothing was saved.")
                    .arg(key)
                    .arg(value.size())
                    .arg(MaxValueLength),
                key};
        }
    }
    return {Status::Ok, {}, {}};
}

// ---- store ----

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{
    Q_ASSERT_X(!QCoreApplication::instance() || QThread::currentThread() == QCoreApplication::instance()->thread(),
        "CredentialStore",
        "keychain jobs must be created and handled on the GUI thread (B04)");
}

CredentialStore::~CredentialStore()
{
    // Our operations die with us; their jobs live on inside QtKeychain and delete themselves.
    if (hasPendingWrite()) {
        qCWarning(lcKeychain) << "credential store destroyed while a save was in flight; the keychain may hold a "
                                 "mix of old and new values";
    }
}

std::chrono::milliseconds CredentialStore::timeout() const
{
    return m_timeout;
}

void CredentialStore::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = std::max(timeout, std::chrono::milliseconds(0));
}

void CredentialStore::read(const QString &profile, LoginForm form)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (Result check = checkProfile(profile); !check.isOk()) {
        deliver(Operation::Read, profile, check, {});
        return;
    }

    qCInfo(lcKeychain).noquote() << QStringLiteral("reading the %1 credentials of profile \"%2\" from service %3")
                                        .arg(loginFormName(form), profile, QString(ServiceName));
    Credentials formOnly;
    formOnly.form = form;
    enqueue(new KeychainOperation(Operation::Read, profile, formOnly, m_timeout, this));
}

void CredentialStore::write(const QString &profile, const Credentials &credentials)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (Result check = checkForSaving(profile, credentials); !check.isOk()) {
        qCWarning(lcKeychain).noquote() << statusName(check.status) + QStringLiteral(": ") + check.message;
        deliver(Operation::Write, profile, check, {});
        return;
    }

    credentials.registerSecrets();
    qCInfo(lcKeychain).noquote() << QStringLiteral("saving the %1 credentials of profile \"%2\" to service %3")
                                        .arg(loginFormName(credentials.form), profile, QString(ServiceName));
    enqueue(new KeychainOperation(Operation::Write, profile, credentials, m_timeout, this));
}

void CredentialStore::remove(const QString &profile)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (Result check = checkProfile(profile); !check.isOk()) {
        deliver(Operation::Remove, profile, check, {});
        return;
    }

    qCInfo(lcKeychain).noquote() << QStringLiteral("removing the credentials of profile \"%1\" from service %2")
                                        .arg(profile, QString(ServiceName));
    enqueue(new KeychainOperation(Operation::Remove, profile, {}, m_timeout, this));
}

bool CredentialStore::isBusy() const
{
    return !m_queues.isEmpty();
}

bool CredentialStore::hasPendingWrite() const
{
    for (const QList<KeychainOperation *> &queue : m_queues) {
        for (const KeychainOperation *operation : queue) {
            if (operation->changesKeychain())
                return true;
        }
    }
    return std::any_of(m_abandonedJobs.cbegin(), m_abandonedJobs.cend(), [](bool changes) { return changes; });
}

int CredentialStore::abandonedJobCount() const
{
    return static_cast<int>(m_abandonedJobs.size());
}

void CredentialStore::enqueue(KeychainOperation *operation)
{
    connect(operation,
        &KeychainOperation::finished,
        this,
        [this, operation](const Result &result, const Credentials &credentials) {
            onOperationFinished(operation, result, credentials);
        });
    connect(operation, &KeychainOperation::jobAbandoned, this, &CredentialStore::trackAbandonedJob);

    // One operation per profile at a time: the next one starts when this one has finished.
    QList<KeychainOperation *> &queue = m_queues[operation->profile()];
    queue.append(operation);
    if (queue.size() == 1)
        operation->start();
    else
        qCDebug(lcKeychain) << "queued behind" << queue.size() - 1 << "operation(s) on profile" << operation->profile();
}

void CredentialStore::onOperationFinished(KeychainOperation *operation,
    const Result &result,
    const Credentials &credentials)
{
    const QString profile = operation->profile();
    QList<KeychainOperation *> &queue = m_queues[profile];
    queue.removeOne(operation);
    operation->deleteLater();

    // The next operation may start while a job we gave up on is still inside QtKeychain: its
    // executor runs one job at a time, so the new jobs still see the keychain in order.
    if (queue.isEmpty())
        m_queues.remove(profile);
    else if (!queue.first()->isStarted())
        queue.first()->start();

    if (result.isOk()) {
        qCInfo(lcKeychain).noquote() << result.message;
    } else {
        qCWarning(lcKeychain).noquote() << statusName(result.status) + QStringLiteral(": ") + result.message;
    }
    deliver(operation->operation(), profile, result, credentials);
}

void CredentialStore::deliver(Operation operation,
    const QString &profile,
    const Result &result,
    const Credentials &credentials)
{
    // Always from a clean stack on a later turn of the event loop: a receiver may delete the
    // store, and a caller may connect after calling read().
    QMetaObject::invokeMethod(
        this,
        [this, operation, profile, result, credentials] {
            QPointer<CredentialStore> alive(this);
            switch (operation) {
            case Operation::Read:
                Q_EMIT readFinished(profile, result, result.isOk() ? credentials : Credentials {});
                break;
            case Operation::Write:
                Q_EMIT writeFinished(profile, result);
                break;
            case Operation::Remove:
                Q_EMIT removeFinished(profile, result);
                break;
            }
            if (alive)
                emitIdleIfIdle();
        },
        Qt::QueuedConnection);
}

void CredentialStore::trackAbandonedJob(QKeychain::Job *job, bool changesKeychain)
{
    m_abandonedJobs.insert(job, changesKeychain);

    // The late answer itself is ignored; only its end matters, for hasPendingWrite().
    connect(job, &QKeychain::Job::finished, this, [](QKeychain::Job *late) {
        qCInfo(lcKeychain).noquote() << QStringLiteral("late answer for %1 ignored (QtKeychain error %2)")
                                            .arg(late->key())
                                            .arg(static_cast<int>(late->error()));
    });
    connect(job, &QObject::destroyed, this, [this](QObject *gone) {
        m_abandonedJobs.remove(gone);
        emitIdleIfIdle();
    });
}

void CredentialStore::emitIdleIfIdle()
{
    if (!isBusy() && !hasPendingWrite())
        Q_EMIT idle();
}
