/// The cookie-date algorithm of RFC 6265 section 5.1.1: how a browser reads an `Expires`
/// attribute, leniently (`Wed, 09 Jun 2021 10:18:14 GMT`, `Sun Nov  6 08:49:37 1994`,
/// `Sunday, 06-Nov-94 08:49:37 GMT` all parse). Returns Unix seconds, or nil where a browser
/// ignores the attribute.
enum CookieDate {
    /// Parses `text` into Unix seconds (UTC).
    static func parse(_ text: String) -> Int64? {
        guard text.utf8.count <= 256 else { return nil }
        var time: (hour: Int, minute: Int, second: Int)?
        var day: Int?
        var month: Int?
        var year: Int?
        for token in tokens(text) {
            if time == nil, let found = timeOfDay(token) {
                time = found
            } else if day == nil, let found = digits(token, 1...2) {
                day = found
            } else if month == nil, let found = monthNumber(token) {
                month = found
            } else if year == nil, let found = digits(token, 2...4) {
                year = found
            }
        }
        guard let time, let day, let month, var year else { return nil }
        if (70...99).contains(year) { year += 1900 }
        if (0...69).contains(year) { year += 2000 }
        guard (1...31).contains(day), year >= 1601, time.hour <= 23, time.minute <= 59, time.second <= 59 else {
            return nil
        }
        guard day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromEpoch(year: year, month: month, day: day)
        return days * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second)
    }

    /// Splits on the delimiters of 5.1.1 (everything but digits, letters and `:`).
    static func tokens(_ text: String) -> [Substring] {
        text.split { character in
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return true }
            switch scalar.value {
            case 0x00...0x08, 0x0A...0x1F: return false
            case 0x30...0x3A, 0x41...0x5A, 0x61...0x7A: return false  // digits, ':', letters
            case 0x7F...0xFF: return false
            default: return true
            }
        }
    }

    /// `1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT`, optionally followed by non-digits.
    private static func timeOfDay(_ token: Substring) -> (Int, Int, Int)? {
        let fields = token.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        var numbers: [Int] = []
        for (index, field) in fields.enumerated() {
            let leading = field.prefix { $0.isASCII && $0.isNumber }
            guard (1...2).contains(leading.count), index == 2 || leading.count == field.count else { return nil }
            numbers.append(Int(leading)!)
        }
        return (numbers[0], numbers[1], numbers[2])
    }

    /// `count` digits, optionally followed by non-digits.
    private static func digits(_ token: Substring, _ count: ClosedRange<Int>) -> Int? {
        let leading = token.prefix { $0.isASCII && $0.isNumber }
        guard count.contains(leading.count) else { return nil }
        return Int(leading)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ token: Substring) -> Int? {
        guard token.count >= 3 else { return nil }
        return months.firstIndex(of: token.prefix(3).lowercased()).map { $0 + 1 }
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil`).
    private static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
