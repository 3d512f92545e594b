#pragma once

#include "config/profileconfig.h"
#include "desktoppreferences.h"

#include <QDialog>
#include <QStringList>

#include <memory>

class QLineEdit;

namespace Ui {
class SettingsDialog;
}

// Edits the non-secret settings of one profile and the desktop preferences: sync interval,
// context namespace (checked with NamespaceRule, and what renaming it means for bots spelled
// out), context region, request timeout, start at login, start hidden in the tray,
// notifications, and in an "Advanced" tab the endpoint overrides (https, or http to this
// machine only). OK is enabled only when everything is valid; the reasons are shown otherwise.
//
// It only edits values: on accept the caller reads config() and preferences(), saves them
// (ProfileSettings::save, DesktopPreferences::save) and applies start-at-login with
// Autostart::setEnabled(). Pass preferences whose startAtLogin is Autostart::isEnabled(), so the
// box shows what will really happen. Closing it never quits the application (B07).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `config` is the profile as it is used now; fields the dialog does not show (account id,
    // login method, skills URL...) are passed through config() unchanged.
    SettingsDialog(const ProfileConfig &config, const DesktopPreferences &preferences, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Names the values this run's command-line options override ("interval 60 s", ...), so
    // that the operator knows why a saved change does not show until the next plain start.
    void setRunOverrides(const QStringList &overrides);

    // The edited values (valid once problems() is empty).
    ProfileConfig config() const;
    DesktopPreferences preferences() const;

    // Why OK is disabled, one line per problem; empty when the settings can be saved.
    QStringList problems() const { return m_problems; }

public Q_SLOTS:
    void accept() override;

private:
    void setUpRegions();
    void load(const ProfileConfig &config, const DesktopPreferences &preferences);
    void connectFields();
    void updateValidation();
    void describeNamespace();
    QString urlProblem(const QLineEdit *edit, const QString &name) const;
    static QUrl urlFrom(const QLineEdit *edit);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    ProfileConfig m_original;
    QStringList m_problems;
};
