#include "singleinstance.h"

#include "util/logging.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

constexpr int ConnectTimeoutMs = 1000;
constexpr int WriteTimeoutMs = 1000;

QString userTag()
{
#ifdef Q_OS_UNIX
    return QString::number(::getuid());
#else
    return qEnvironmentVariable("USERNAME", qEnvironmentVariable("USER", QStringLiteral("user")));
#endif
}

} // namespace

SingleInstance::SingleInstance(const QString &serverName, QObject *parent)
    : QObject(parent)
    , m_serverName(serverName)
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultServerName()
{
    const QString name = QStringLiteral(SHIFTSYNC_APP_ID "-") + userTag();
#ifdef Q_OS_UNIX
    // The runtime directory is private to the user (0700) and cleared at logout.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!runtime.isEmpty())
        return QDir(runtime).filePath(name + QStringLiteral(".socket"));
#endif
    return name;
}

bool SingleInstance::claim()
{
    if (askRunningInstance())
        return false;
    if (listen())
        return true;

    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        // Another instance started at the same moment and won the name: it is the one to raise.
        if (askRunningInstance())
            return false;

        // Nobody answers on the name, so a socket file left by a crash is in the way.
        QLocalServer::removeServer(m_serverName);
        if (listen())
            return true;
    }

    // Running twice is better than not running at all.
    qCWarning(lcApp).noquote() << "cannot listen for other ShiftSync starts on" << m_serverName << ":"
                               << m_server->errorString();
    return true;
}

bool SingleInstance::askRunningInstance() const
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(ConnectTimeoutMs))
        return false;

    socket.write(ActivateMessage);
    const bool sent = socket.waitForBytesWritten(WriteTimeoutMs);
    socket.disconnectFromServer();
    qCInfo(lcApp).noquote() << "another ShiftSync is running; asked it to show its window"
                            << (sent ? QString() : QStringLiteral("(the request could not be sent)"));
    return true;
}

bool SingleInstance::listen()
{
    delete m_server;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return m_server->listen(m_serverName);
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            while (socket->canReadLine()) {
                if (socket->readLine() != ActivateMessage)
                    continue;
                qCInfo(lcApp) << "another start of ShiftSync asked this one to show its window";
                Q_EMIT activationRequested();
            }
        });
    }
}
