// shiftsync-simulator: serves the simulated LivePerson APIs on a loopback port until SIGTERM
// or SIGINT. Prints "listening on http://127.0.0.1:PORT" on stdout once ready and one line per
// request on stderr. Options and the control API: src/simulator/README.md.

#include "livepersonsimulator.h"
#include "simulatorlogging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSocketNotifier>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

struct Options
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    QString portFile;
    QString advertisedHost;
    bool listShiftStatus = true;
    bool quiet = false;
    qsizetype contextLimit = 0;
    QList<QPair<Endpoint, Fault>> faults;
    SimulatorAccount account;
};

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "shiftsync-simulator: %s\n", qPrintable(message));
    std::exit(2);
}

quint32 unsignedOption(const QCommandLineParser &parser, const QString &name, quint32 maximum)
{
    bool ok = false;
    const uint value = parser.value(name).toUInt(&ok);
    if (!ok || value > maximum)
        fail(QStringLiteral("--%1 needs a number up to %2").arg(name).arg(maximum));
    return value;
}

// Only loopback: the simulator accepts any credentials-shaped body and has a control API
// without authentication, so it must not be reachable from other machines.
QHostAddress loopbackAddress(const QString &text)
{
    if (text == QLatin1String("localhost"))
        return QHostAddress(QHostAddress::LocalHost);

    const QHostAddress address(text);
    if (address.isNull() || !address.isLoopback())
        fail(QStringLiteral("--bind accepts only a loopback address (127.0.0.1, ::1), not \"%1\"").arg(text));
    return address;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Local simulator of the LivePerson APIs ShiftSync calls (CSDS, Login, Shift Status, "
                       "Skills, Context Service v1), with fault injection and a /_sim/ control API."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("port"),
            QStringLiteral("Port to listen on (0: any free port)."),
            QStringLiteral("N"),
            QStringLiteral("0")},
        {QStringLiteral("bind"),
            QStringLiteral("Loopback address to bind."),
            QStringLiteral("ADDRESS"),
            QStringLiteral("127.0.0.1")},
        {QStringLiteral("port-file"), QStringLiteral("Write the port to FILE once listening."), QStringLiteral("FILE")},
        {QStringLiteral("account"), QStringLiteral("Account id."), QStringLiteral("ID"), QStringLiteral("90000001")},
        {QStringLiteral("skills"),
            QStringLiteral("Number of generated skills."),
            QStringLiteral("N"),
            QStringLiteral("40")},
        {QStringLiteral("seed"),
            QStringLiteral("Seed for the generated skills."),
            QStringLiteral("N"),
            QStringLiteral("1")},
        {QStringLiteral("session-ttl"),
            QStringLiteral("Login session lifetime in seconds."),
            QStringLiteral("S"),
            QStringLiteral("28800")},
        {QStringLiteral("fault"),
            QStringLiteral(
                "Break an endpoint: endpoint:kind[:N][,key=value...] (repeatable), e.g. login:status:503,times=2."),
            QStringLiteral("SPEC")},
        {QStringLiteral("advertise-host"),
            QStringLiteral("host:port that CSDS baseURIs point at."),
            QStringLiteral("HOST")},
        {QStringLiteral("no-shiftstatus-service"), QStringLiteral("Leave \"shiftstatus\" out of CSDS.")},
        {QStringLiteral("context-limit"),
            QStringLiteral("Context document size limit in characters."),
            QStringLiteral("N")},
        {QStringLiteral("quiet"), QStringLiteral("No per-request log lines.")},
    });
}

Options parseOptions(const QCommandLineParser &parser)
{
    Options options;
    options.address = loopbackAddress(parser.value(QStringLiteral("bind")));
    options.port = quint16(unsignedOption(parser, QStringLiteral("port"), 65535));
    options.portFile = parser.value(QStringLiteral("port-file"));
    options.advertisedHost = parser.value(QStringLiteral("advertise-host"));
    options.listShiftStatus = !parser.isSet(QStringLiteral("no-shiftstatus-service"));
    options.quiet = parser.isSet(QStringLiteral("quiet"));
    if (parser.isSet(QStringLiteral("context-limit")))
        options.contextLimit = unsignedOption(parser, QStringLiteral("context-limit"), 100000000);

    options.account.accountId = parser.value(QStringLiteral("account"));
    options.account.skillCount = int(unsignedOption(parser, QStringLiteral("skills"), 100000));
    options.account.seed = unsignedOption(parser, QStringLiteral("seed"), 0xffffffffu);
    options.account.sessionTtlMs = qint64(unsignedOption(parser, QStringLiteral("session-ttl"), 0x7fffffff)) * 1000;

    for (const QString &spec : parser.values(QStringLiteral("fault"))) {
        Endpoint endpoint = Endpoint::Any;
        Fault fault;
        QString error;
        if (!Fault::parseSpec(spec, &endpoint, &fault, &error))
            fail(QStringLiteral("--fault: %1").arg(error));
        options.faults.append({endpoint, fault});
    }
    return options;
}

void writePortFile(const QString &path, quint16 port)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(port) + '\n') < 0 || !file.commit())
        fail(QStringLiteral("cannot write the port file %1").arg(path));
}

#ifdef Q_OS_UNIX
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGTERM/SIGINT end the event loop through a socket pair: the handler itself may only make
// async-signal-safe calls.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        fail(QStringLiteral("cannot create the signal socket pair"));

    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}
#else
void quitOnSignals(QCoreApplication &) { }
#endif

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shiftsync-simulator"));

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    const Options options = parseOptions(parser);

    qSetMessagePattern(QStringLiteral("%{time hh:mm:ss.zzz} %{message}"));
    if (options.quiet)
        QLoggingCategory::setFilterRules(QStringLiteral("shiftsync.simulator.info=false"));
    quitOnSignals(app);

    LivePersonSimulator simulator(options.account);
    simulator.setShiftStatusServiceListed(options.listShiftStatus);
    if (options.contextLimit > 0)
        simulator.setContextDocumentLimit(options.contextLimit);
    for (const auto &[endpoint, fault] : options.faults)
        simulator.addFault(endpoint, fault);

    const quint16 port = simulator.start(options.address, options.port);
    if (port == 0)
        fail(QStringLiteral("cannot listen on %1 port %2").arg(options.address.toString()).arg(options.port));
    if (!options.advertisedHost.isEmpty())
        simulator.setAdvertisedHost(options.advertisedHost);
    if (!options.portFile.isEmpty())
        writePortFile(options.portFile, port);

    std::fprintf(stdout, "listening on %s\n", qPrintable(simulator.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
