#include "mainwindow.h"

#include "activitylogpanel.h"
#include "botsreadpanel.h"
#include "icons.h"
#include "plaintext.h"
#include "skillsortproxy.h"
#include "skilltablemodel.h"
#include "sync/activitylog.h"
#include "sync/syncengine.h"
#include "syncstatus.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QHeaderView>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString SkillColumnsKey = QStringLiteral("mainWindow/skillColumns");
const QString TabKey = QStringLiteral("mainWindow/tab");

// The relative hints in the table ("in 2 h 10 min") are in minutes.
constexpr int TimeRefreshMs = 30'000;

} // namespace

MainWindow::MainWindow(SyncEngine *engine, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_engine(engine)
    , m_skills(new SkillTableModel(clock, this))
    , m_skillProxy(new SkillSortProxy(this))
    , m_timeRefresh(new QTimer(this))
{
    m_ui->setupUi(this);
    PlainText::applyToLabels(this);
    setWindowIcon(Icons::app());
    m_ui->credentialsBanner->hide();
    m_ui->logPanel->setLog(engine->activityLog());

    m_skillProxy->setSourceModel(m_skills);
    m_skillProxy->setSortRole(SkillTableModel::SortRole);
    m_skillProxy->setFilterRole(SkillTableModel::FilterRole);
    m_skillProxy->setFilterKeyColumn(SkillTableModel::IdColumn);
    m_skillProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->skillView->setModel(m_skillProxy);
    m_ui->skillView->sortByColumn(SkillTableModel::NameColumn, Qt::AscendingOrder);
    // Fixed row heights keep 10,000 rows cheap: the view never measures each one.
    m_ui->skillView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    setDefaultColumnWidths();

    connectActions();
    connect(engine, &SyncEngine::skillsChanged, this, &MainWindow::showSkills);
    connect(engine, &SyncEngine::skillNamesChanged, this, [this] { m_skills->setNames(m_engine->skillNames()); });
    connect(m_timeRefresh, &QTimer::timeout, m_skills, &SkillTableModel::refreshTimes);
    m_timeRefresh->start(TimeRefreshMs);

    m_skills->setNames(engine->skillNames());
    showSkills();
}

MainWindow::~MainWindow() = default;

ActivityLogPanel *MainWindow::logPanel() const
{
    return m_ui->logPanel;
}

BotsReadPanel *MainWindow::botsReadPanel() const
{
    return m_ui->botsReadPanel;
}

void MainWindow::connectActions()
{
    connect(m_ui->actionSyncNow, &QAction::triggered, this, &MainWindow::syncNowRequested);
    connect(m_ui->syncNowButton, &QPushButton::clicked, m_ui->actionSyncNow, &QAction::trigger);
    connect(m_ui->actionPause, &QAction::triggered, this, [this] {
        if (m_paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    connect(m_ui->pauseButton, &QPushButton::clicked, m_ui->actionPause, &QAction::trigger);
    connect(m_ui->actionCredentials, &QAction::triggered, this, &MainWindow::credentialsRequested);
    connect(m_ui->enterCredentialsButton, &QPushButton::clicked, this, &MainWindow::credentialsRequested);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &MainWindow::retryKeychainRequested);
    connect(m_ui->actionSettings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_ui->actionQuit, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);

    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_skillProxy->setFilterFixedString(text.trimmed());
        updateSkillCount();
    });
}

// Once per cycle: one model reset, whatever the number of skills.
void MainWindow::showSkills()
{
    m_skills->setSkills(m_engine->skills());
    updateSkillCount();
}

void MainWindow::updateSkillCount()
{
    const int total = m_skills->rowCount();
    const int shown = m_skillProxy->rowCount();
    QString text = shown == total ? tr("Skills: %1").arg(total) : tr("Shown: %1 of %2").arg(shown).arg(total);
    if (m_skills->changedCount() > 0)
        text += tr(" · changed in the last sync: %1").arg(m_skills->changedCount());
    m_ui->skillCountLabel->setText(text);
}

void MainWindow::setStatus(const SyncStatus &status)
{
    m_ui->stateIcon->setPixmap(Icons::tray(status.look).pixmap(32, 32));
    m_ui->stateLabel->setText(status.headline);
    m_ui->problemLabel->setText(status.problem);
    m_ui->statusForm->setRowVisible(m_ui->problemLabel, !status.problem.isEmpty());
    m_ui->lastSyncLabel->setText(status.lastSync);
    m_ui->staleLabel->setText(QStringLiteral("⚠ ") + status.staleWarning);
    m_ui->statusForm->setRowVisible(m_ui->staleLabel, status.stale);
    m_ui->nextSyncLabel->setText(status.nextSync);
    m_ui->lastCycleLabel->setText(status.lastCycle);

    if (status.skills > 0)
        statusBar()->showMessage(tr("%1 of %2 skills on shift").arg(status.onShift).arg(status.skills));
}

void MainWindow::setPaused(bool paused)
{
    m_paused = paused;
    m_ui->actionPause->setText(paused ? tr("&Resume syncing") : tr("&Pause syncing"));
    m_ui->pauseButton->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_ui->pauseButton->setToolTip(paused ? tr("Resume periodic syncing") : tr("Stop periodic syncing for now"));
}

void MainWindow::setCredentialsProblem(const QString &message, bool canRetry)
{
    m_ui->credentialsMessage->setText(message);
    m_ui->retryButton->setVisible(canRetry);
    m_ui->credentialsBanner->setVisible(!message.isEmpty());
}

void MainWindow::setDefaultColumnWidths()
{
    QHeaderView *header = m_ui->skillView->horizontalHeader();
    const int unit = fontMetrics().averageCharWidth();
    header->resizeSection(SkillTableModel::IdColumn, 16 * unit);
    header->resizeSection(SkillTableModel::NameColumn, 34 * unit);
    header->resizeSection(SkillTableModel::OnShiftColumn, 26 * unit);
    header->resizeSection(SkillTableModel::NextOnColumn, 38 * unit);
    m_ui->skillView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
}

void MainWindow::saveLayout(QSettings &settings) const
{
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(SkillColumnsKey, m_ui->skillView->horizontalHeader()->saveState());
    settings.setValue(TabKey, m_ui->tabs->currentIndex());
}

void MainWindow::restoreLayout(QSettings &settings)
{
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    restoreState(settings.value(StateKey).toByteArray());
    m_ui->skillView->horizontalHeader()->restoreState(settings.value(SkillColumnsKey).toByteArray());
    m_ui->tabs->setCurrentIndex(settings.value(TabKey, 0).toInt());
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this,
        tr("About ShiftSync"),
        tr("<h3>ShiftSync %1</h3>"
           "<p>Keeps LivePerson skill shift status fresh in the Conversation Context Service, "
           "so bots read current on-shift data.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(QStringLiteral(SHIFTSYNC_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    event->ignore();
    Q_EMIT closeRequested();
}
