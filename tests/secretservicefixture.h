#pragma once

// What the keychain tests (tst_credentialstore, tst_credentialsdialog) share to reach the real
// gnome-keyring of tests/with-keyring.sh behind QtKeychain's back: the Secret Service driven
// directly over D-Bus to lock and unlock a collection, and secret-tool as an independent reader
// (and eraser) of the items. Nothing here goes through the product's code.
//
// A test that unlocks must call qDBusRegisterMetaType<SecretValue>() first (in initTestCase).

#include <QByteArray>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QList>
#include <QProcess>
#include <QString>
#include <QVariant>

namespace SecretServiceFixture {

inline constexpr int CallTimeoutMs = 5000;
inline const QString SecretsService = QStringLiteral("org.freedesktop.secrets");
inline const QString SecretsPath = QStringLiteral("/org/freedesktop/secrets");

// Spelled out rather than taken from CredentialStore::ServiceName, so that the independent
// reader stays independent; tst_credentialstore pins the two to each other.
inline const QString KeychainService = QStringLiteral("org.shiftsync.ShiftSync");

// The Secret Service's (oayays) secret structure, for gnome-keyring's unlock call.
struct SecretValue
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};

inline QDBusArgument &operator<<(QDBusArgument &argument, const SecretValue &secret)
{
    argument.beginStructure();
    argument << secret.session << secret.parameters << secret.value << secret.contentType;
    argument.endStructure();
    return argument;
}

inline const QDBusArgument &operator>>(const QDBusArgument &argument, SecretValue &secret)
{
    argument.beginStructure();
    argument >> secret.session >> secret.parameters >> secret.value >> secret.contentType;
    argument.endStructure();
    return argument;
}

} // namespace SecretServiceFixture

Q_DECLARE_METATYPE(SecretServiceFixture::SecretValue)

namespace SecretServiceFixture {

inline QDBusMessage
secretsCall(const QString &path, const QString &interface, const QString &method, const QVariantList &args)
{
    QDBusMessage message = QDBusMessage::createMethodCall(SecretsService, path, interface, method);
    message.setArguments(args);
    return QDBusConnection::sessionBus().call(message, QDBus::Block, CallTimeoutMs);
}

// The collection QtKeychain writes to: whatever the "default" alias points at ("login" here).
inline QString defaultCollection()
{
    const QDBusMessage reply = secretsCall(SecretsPath,
        QStringLiteral("org.freedesktop.Secret.Service"),
        QStringLiteral("ReadAlias"),
        {QStringLiteral("default")});
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return {};
    return qdbus_cast<QDBusObjectPath>(reply.arguments().first()).path();
}

inline bool isLocked(const QString &collection)
{
    const QDBusMessage reply = secretsCall(collection,
        QStringLiteral("org.freedesktop.DBus.Properties"),
        QStringLiteral("Get"),
        {QStringLiteral("org.freedesktop.Secret.Collection"), QStringLiteral("Locked")});
    return reply.type() == QDBusMessage::ReplyMessage
        && qdbus_cast<QDBusVariant>(reply.arguments().value(0)).variant().toBool();
}

inline bool lockKeyring(const QString &collection)
{
    const QList<QDBusObjectPath> collections {QDBusObjectPath(collection)};
    secretsCall(SecretsPath,
        QStringLiteral("org.freedesktop.Secret.Service"),
        QStringLiteral("Lock"),
        {QVariant::fromValue(collections)});
    return isLocked(collection);
}

// The standard Unlock method needs a prompt, which cannot show without a display; gnome-keyring's
// own interface takes the password that tests/with-keyring.sh set.
inline bool unlockKeyring(const QString &collection)
{
    const QDBusMessage session = secretsCall(SecretsPath,
        QStringLiteral("org.freedesktop.Secret.Service"),
        QStringLiteral("OpenSession"),
        {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))});
    if (session.type() != QDBusMessage::ReplyMessage || session.arguments().size() < 2)
        return false;

    QByteArray password = qgetenv("SHIFTSYNC_TEST_KEYRING_PASSWORD");
    if (password.isEmpty())
        password = "PASS";
    const SecretValue secret {qdbus_cast<QDBusObjectPath>(session.arguments().at(1)),
        {},
        password,
        QStringLiteral("text/plain")};
    secretsCall(SecretsPath,
        QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
        QStringLiteral("UnlockWithMasterPassword"),
        {QVariant::fromValue(QDBusObjectPath(collection)), QVariant::fromValue(secret)});
    return !isLocked(collection);
}

// Runs `secret-tool ACTION server <our service> user KEY`: secret-tool reads and erases items of
// the keyring independently of QtKeychain. False when it did not finish in time.
inline bool runSecretTool(const QString &action, const QString &key, QByteArray *output = nullptr)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
        {action, QStringLiteral("server"), KeychainService, QStringLiteral("user"), key});
    if (!tool.waitForFinished(CallTimeoutMs))
        return false;
    if (output)
        *output = tool.readAllStandardOutput();
    return true;
}

inline QString secretToolLookup(const QString &key)
{
    QByteArray value;
    if (!runSecretTool(QStringLiteral("lookup"), key, &value))
        return QStringLiteral("<secret-tool hung>");
    return QString::fromUtf8(value);
}

// Erases one item behind the product's back, as another program could.
inline bool secretToolClear(const QString &key)
{
    return runSecretTool(QStringLiteral("clear"), key);
}

} // namespace SecretServiceFixture
