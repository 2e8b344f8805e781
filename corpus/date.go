package corpus

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateForms lists, for messages and documentation, the forms of a date
// that ParseDate accepts.
const DateForms = `RFC 3339 ("2006-01-02T15:04:05Z", "2006-01-02T15:04:05.5+01:00"), ` +
	`ISO 8601 without a zone ("2006-01-02T15:04:05", "2006-01-02 15:04", UTC), a day ("2006-01-02"), ` +
	`RFC 1123 ("Mon, 02 Jan 2006 15:04:05 -0700" or "... GMT"), ` +
	`Reuters-21578 ("26-FEB-1987 15:01:01.79", UTC), ` +
	`or seconds or milliseconds since 1970-01-01 UTC (an integer below 10^11 in magnitude is seconds, else milliseconds)`

// Bounds of the dates ParseDate accepts: the years 1 to 9999, which RFC
// 3339 can write.
var (
	minDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// epochMillis is the magnitude from which a number is taken as
// milliseconds since the epoch rather than seconds: 10^11 seconds is in the
// year 5138, 10^11 milliseconds is 3 March 1973.
const epochMillis = 1e11

// isoLayouts are the ISO 8601 / RFC 3339 forms tried by ParseDate, in
// order. A layout without a zone is read as UTC. time.Parse accepts a
// fraction of a second after the seconds of any of them.
var isoLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	time.DateOnly,
}

// ParseDate reads a date in one of the forms of DateForms, with
// surrounding white space ignored, and returns it in UTC:
//
//   - RFC 3339, and ISO 8601 date-times with a 'T' or a space between date
//     and time, with or without seconds, a fraction of a second or a zone
//     ("Z" or ±hh:mm); without a zone the time is taken as UTC;
//   - a day, "2006-01-02", which is midnight UTC;
//   - RFC 1123 with a numeric zone ("Mon, 02 Jan 2006 15:04:05 -0700") or
//     GMT, UT or UTC (other zone names are ambiguous and refused);
//   - the form of Reuters-21578, "26-FEB-1987 15:01:01.79": day, English
//     month abbreviation in any case and year, then optionally a time
//     (hours, minutes, and optionally seconds and a fraction), taken as
//     UTC. Anything after the time that cannot continue it is ignored,
//     because Reuters-21578 appends codes such as "&#5;&#5;&#5;F" to 2% of
//     its dates; after a day without a time, nothing may follow;
//   - an integer or decimal number, the time since 1970-01-01 UTC: in
//     seconds when its magnitude is below 10^11, in milliseconds otherwise
//     (10^11 seconds is in the year 5138, 10^11 milliseconds is in 1973),
//     as news feeds such as the UCI News Aggregator write it.
//
// Dates before the year 1 or after 9999 are errors.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := parseDate(s)
	if err != nil {
		return time.Time{}, err
	}
	t = t.UTC()
	if !t.After(minDate) || t.After(maxDate) {
		return time.Time{}, fmt.Errorf("date %q is out of range (years 1 to 9999)", s)
	}
	return t, nil
}

// parseDate tries the forms of ParseDate on s, trimmed.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errors.New("empty date")
	}
	switch c := s[0]; {
	case c == '-' || c == '+' || c == '.' || isDigit(c) && !strings.ContainsAny(s, "-:T "):
		if t, ok, err := parseEpoch(s); ok {
			return t, err
		}
	case isDigit(c) && len(s) >= 5 && s[4] == '-':
		for _, layout := range isoLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
	case isDigit(c):
		if t, ok := parseReuters(s); ok {
			return t, nil
		}
	default:
		if t, ok := parseRFC1123(s); ok {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not in a known form (RFC 3339, 2006-01-02, RFC 1123, "+
		"26-FEB-1987 15:01:01, or seconds or milliseconds since 1970)", s)
}

// parseEpoch reads a number of seconds (or milliseconds, from 10^11 on)
// since the epoch. It reports false if s is not a number.
func parseEpoch(s string) (time.Time, bool, error) {
	num, neg := s, false
	if s[0] == '-' || s[0] == '+' {
		num, neg = s[1:], s[0] == '-'
	}
	whole, frac, dot := strings.Cut(num, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) || dot && frac == "" {
		return time.Time{}, false, nil
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 15 {
		return time.Time{}, true, fmt.Errorf("date %q is out of range (years 1 to 9999)", s)
	}
	n, _ := strconv.ParseInt("0"+whole, 10, 64) // at most 15 digits: no error
	// The fraction in nanoseconds (digits beyond a nanosecond dropped).
	fracNs, _ := strconv.ParseInt((frac + "000000000")[:9], 10, 64)
	secs, nsec := n, fracNs
	if n >= epochMillis {
		secs, nsec = n/1000, n%1000*int64(time.Millisecond)+fracNs/1000
	}
	if neg {
		secs, nsec = -secs, -nsec
	}
	return time.Unix(secs, nsec).UTC(), true, nil
}

// allDigits reports whether s holds only ASCII digits (true for "").
func allDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// parseReuters reads "26-FEB-1987 15:01:01.79", the time optional and
// anything after it ignored.
func parseReuters(s string) (time.Time, bool) {
	date, rest, _ := strings.Cut(s, " ")
	d, err := time.Parse("2-Jan-2006", date)
	if err != nil {
		return time.Time{}, false
	}
	rest = strings.TrimLeft(rest, " ")
	end := 0
	for end < len(rest) && (isDigit(rest[end]) || rest[end] == ':' || rest[end] == '.') {
		end++
	}
	if end == 0 {
		return d, rest == ""
	}
	clock, err := time.Parse("15:04:05", rest[:end])
	if err != nil {
		if clock, err = time.Parse("15:04", rest[:end]); err != nil {
			return time.Time{}, false
		}
	}
	h, m, sec := clock.Clock()
	return d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(clock.Nanosecond())), true
}

// parseRFC1123 reads "Mon, 02 Jan 2006 15:04:05 -0700" or the same with
// GMT, UT or UTC as the zone.
func parseRFC1123(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return t, true
	}
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return time.Time{}, false
	}
	switch s[i+1:] {
	case "GMT", "UT", "UTC":
		t, err := time.Parse("Mon, 02 Jan 2006 15:04:05", s[:i])
		return t, err == nil
	}
	return time.Time{}, false
}

// setDate parses s, the value of the date field of d (f.date), into
// d.Date; an empty s leaves it zero.
func setDate(d *Document, s string, f fieldNames) error {
	if strings.TrimSpace(s) == "" || !f.named[fieldDate] {
		return nil
	}
	t, err := ParseDate(s)
	if err != nil {
		return fmt.Errorf("field %q: %w", f.date, err)
	}
	d.Date = t
	return nil
}
