#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

// One ShiftSync per user: the first instance listens on a local socket named after the app id
// and the user (in the user's runtime directory on Unix); a later start connects, asks it to
// show its window ("activate") and exits. A socket left behind by a crashed instance is
// detected (nobody answers) and replaced.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &serverName = defaultServerName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process is the first and now listens. False when another instance runs:
    // it has been asked to come to the front, and this one should exit.
    bool claim();

    QString serverName() const { return m_serverName; }

    // <runtime dir>/org.shiftsync.ShiftSync-<uid>.socket on Unix; a per-user pipe name elsewhere.
    static QString defaultServerName();

    // The one message of the protocol, a line of its own.
    static constexpr char ActivateMessage[] = "activate\n";

Q_SIGNALS:
    // A second start asked this instance to show its window.
    void activationRequested();

private:
    bool askRunningInstance() const;
    bool listen();
    void onNewConnection();

    QString m_serverName;
    QLocalServer *m_server = nullptr;
};
