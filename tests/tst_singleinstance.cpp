// One ShiftSync per user, with the real binary started twice under the same XDG_RUNTIME_DIR
// (offscreen, so no display is needed): the second start asks the first to show its window and
// exits 0, and the first says it was asked. A socket file left behind by a crashed instance
// does not keep the next one from starting. The first instance ends cleanly on SIGTERM.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

constexpr int WaitMs = 15'000;

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secondStartRaisesTheFirst_data();
    void secondStartRaisesTheFirst();

private:
    QProcessEnvironment environment() const;
    QString socketPath() const;

    QTemporaryDir m_base;
};

void TestSingleInstance::initTestCase()
{
    QVERIFY(m_base.isValid());
    for (const char *dir : {"runtime", "config", "data", "cache"})
        QVERIFY(QDir(m_base.path()).mkpath(QLatin1String(dir)));
    // Qt only accepts a runtime directory that is private to the user.
    QVERIFY(QFile::setPermissions(m_base.filePath(QStringLiteral("runtime")),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

QProcessEnvironment TestSingleInstance::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_base.filePath(QStringLiteral("runtime")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_base.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_base.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_base.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

// Where SingleInstance::defaultServerName() puts it on Unix.
QString TestSingleInstance::socketPath() const
{
    return m_base.filePath(QStringLiteral("runtime/" SHIFTSYNC_APP_ID "-%1.socket").arg(::getuid()));
}

void TestSingleInstance::secondStartRaisesTheFirst_data()
{
    QTest::addColumn<bool>("staleSocket");

    QTest::newRow("clean runtime directory") << false;
    QTest::newRow("socket file left by a crashed instance") << true;
}

void TestSingleInstance::secondStartRaisesTheFirst()
{
    QFETCH(bool, staleSocket);

    QFile::remove(socketPath());
    if (staleSocket) {
        QFile leftover(socketPath());
        QVERIFY(leftover.open(QIODevice::WriteOnly));
    }

    // Nothing listens on port 1: the first instance need not sync, only run.
    const QStringList arguments {QStringLiteral("--account"),
        QStringLiteral("90000001"),
        QStringLiteral("--csds-url"),
        QStringLiteral("http://127.0.0.1:1")};
    QProcess first;
    first.setProcessEnvironment(environment());
    first.start(QStringLiteral(SHIFTSYNC_BINARY), arguments);
    QVERIFY(first.waitForStarted(WaitMs));
    QString firstLog;
    const auto readFirst = [&first, &firstLog] {
        first.waitForReadyRead(100);
        firstLog += QString::fromLocal8Bit(first.readAllStandardError());
        return firstLog;
    };

    // Listening once the socket is a socket (a stale plain file has been replaced).
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(socketPath()).exists() && !QFileInfo(socketPath()).isFile(), WaitMs);

    QProcess second;
    second.setProcessEnvironment(environment());
    second.start(QStringLiteral(SHIFTSYNC_BINARY), arguments);
    QVERIFY(second.waitForFinished(WaitMs));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(second.readAllStandardError().contains("another ShiftSync is running"), "the second did not say why");

    QTRY_VERIFY_WITH_TIMEOUT(readFirst().contains(QStringLiteral("asked this one to show its window")), WaitMs);
    QCOMPARE(first.state(), QProcess::Running);

    first.terminate(); // SIGTERM: the normal quit path
    QVERIFY(first.waitForFinished(WaitMs));
    QCOMPARE(first.exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.exitCode(), 0);
    QVERIFY(!QFileInfo::exists(socketPath())); // the listener cleaned up after itself
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
