#pragma once

#include <QMainWindow>

#include <memory>

class ActivityLogPanel;
class BotsReadPanel;
class Clock;
class QSettings;
class QSortFilterProxyModel;
class SkillTableModel;
class SyncEngine;
struct SyncStatus;

namespace Ui {
class MainWindow;
}

// The main window: the skill table with its filter, the sync status that is always in view
// (state, last successful sync and its age, stale warning, next sync, step durations), Sync
// now and Pause/Resume, the activity log and "What bots read". It shows what it is given and
// reports what the operator asks for through signals; DesktopApp decides what happens. Closing
// it only asks (closeRequested): whether it hides or the app quits is not its call.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(SyncEngine *engine, const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setStatus(const SyncStatus &status);
    void setPaused(bool paused);

    // Shows the credentials banner with `message`, with Retry when asking again may help.
    // An empty message hides it.
    void setCredentialsProblem(const QString &message, bool canRetry);

    // Geometry, splitter-free layout state, column widths and the open tab.
    void saveLayout(QSettings &settings) const;
    void restoreLayout(QSettings &settings);

    SkillTableModel *skillModel() const { return m_skills; }
    QSortFilterProxyModel *skillProxy() const { return m_skillProxy; }
    ActivityLogPanel *logPanel() const;
    BotsReadPanel *botsReadPanel() const;

public Q_SLOTS:
    // Shows, raises and activates the window: running it twice is the same as once (B08).
    void bringToFront();
    void showAbout();

Q_SIGNALS:
    void syncNowRequested();
    void pauseRequested();
    void resumeRequested();
    void credentialsRequested();
    void settingsRequested();
    void quitRequested();
    void retryKeychainRequested();
    // The operator closed the window (title-bar button, Alt+F4).
    void closeRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void connectActions();
    void showSkills();
    void updateSkillCount();
    void setDefaultColumnWidths();

    std::unique_ptr<Ui::MainWindow> m_ui;
    SyncEngine *m_engine;
    SkillTableModel *m_skills;
    QSortFilterProxyModel *m_skillProxy;
    QTimer *m_timeRefresh;
    bool m_paused = false;
};
