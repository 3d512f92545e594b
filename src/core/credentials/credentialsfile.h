#pragma once

#include "credentials.h"

#include <QString>

// Loads bot credentials from a JSON file, for headless and server use where no keychain runs:
//
//   {"username": "...", "appKey": "...", "secret": "...", "mavenApiKey": "...",
//    "accessToken": "...", "accessTokenSecret": "..."}
//
// Without accessToken and accessTokenSecret (or with both empty) the file describes the OAuth
// 2.0 form; with both, the legacy API key. The file must be a regular file of at most 64 KiB
// that only its owner can read (chmod 600). Read-only: ShiftSync never writes secrets to files.
class CredentialsFile
{
public:
    static constexpr qint64 MaxSize = 64 * 1024;

    // On success fills *out, registers the values with Redaction and returns true. On failure
    // leaves *out untouched, sets *error (which names the file and the field, never a value)
    // and returns false.
    static bool load(const QString &path, Credentials *out, QString *error);
};
