//! The arithmetic of the virtualized list: which rows are on screen (plus overscan) and which
//! 100-row windows of data they need. Pure, so it is unit-tested natively.

/// Height of one row in CSS pixels from the `sm` breakpoint up (one line of columns); every row
/// has exactly this height (`h-10`).
pub const ROW_HEIGHT: f64 = 40.0;
/// Height of one row on a phone, where a row is a card: the title on up to two lines, the key,
/// status and last result beneath (`h-20`).
pub const PHONE_ROW_HEIGHT: f64 = 80.0;
/// The window width (CSS px) from which rows are `ROW_HEIGHT` tall: Tailwind's `sm`.
pub const WIDE_FROM_PX: f64 = 640.0;
/// Rows rendered above and below the visible ones, so a fast scroll shows no gap.
pub const OVERSCAN: i64 = 8;
/// Rows per server window (matches the server's page size).
pub const WINDOW: i64 = 100;

/// The rows `[first, end)` to render for a viewport of `height` px scrolled to `top` px, with
/// rows `row` px tall.
pub fn visible(top: f64, height: f64, total: i64, row: f64) -> (i64, i64) {
    if total <= 0 {
        return (0, 0);
    }
    let first = ((top.max(0.0) / row).floor() as i64 - OVERSCAN).clamp(0, total - 1);
    let end = (((top.max(0.0) + height.max(0.0)) / row).ceil() as i64 + OVERSCAN).clamp(first + 1, total);
    (first, end)
}

/// The windows that hold rows `[first, end)`.
pub fn windows(first: i64, end: i64) -> std::ops::RangeInclusive<i64> {
    (first / WINDOW)..=((end - 1).max(first) / WINDOW)
}

/// The scroll position that brings row `index` (rows `row` px tall) into a viewport of `height` px now at `top`,
/// or `None` when it is already fully visible.
pub fn scroll_to(index: i64, top: f64, height: f64, row: f64) -> Option<f64> {
    let y = index as f64 * row;
    if y < top {
        Some(y)
    } else if y + row > top + height {
        Some(y + row - height)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_visible_rows_and_overscan_are_rendered_whatever_the_total() {
        assert_eq!(visible(0.0, 600.0, 100_000, ROW_HEIGHT), (0, 15 + OVERSCAN));
        let (first, end) = visible(2_000_000.0, 600.0, 100_000, ROW_HEIGHT);
        assert_eq!((first, end), (50_000 - OVERSCAN, 50_015 + OVERSCAN));
        assert!(end - first < 150);
        assert_eq!(visible(3_999_400.0, 600.0, 100_000, ROW_HEIGHT).1, 100_000);
        assert_eq!(visible(0.0, 600.0, 3, ROW_HEIGHT), (0, 3));
        assert_eq!(visible(0.0, 600.0, 0, ROW_HEIGHT), (0, 0));
        // Phone rows are twice as tall: half as many fit.
        assert_eq!(visible(0.0, 600.0, 100_000, PHONE_ROW_HEIGHT), (0, 8 + OVERSCAN));
        assert_eq!(visible(2_000_000.0, 600.0, 100_000, PHONE_ROW_HEIGHT).0, 25_000 - OVERSCAN);
    }

    #[test]
    fn rows_map_to_their_windows() {
        assert_eq!(windows(0, 23), 0..=0);
        assert_eq!(windows(95, 120), 0..=1);
        assert_eq!(windows(49_992, 50_023), 499..=500);
    }

    #[test]
    fn scrolling_keeps_the_active_row_in_view() {
        assert_eq!(scroll_to(0, 0.0, 400.0, ROW_HEIGHT), None);
        assert_eq!(scroll_to(10, 0.0, 400.0, ROW_HEIGHT), Some(40.0));
        assert_eq!(scroll_to(2, 400.0, 400.0, ROW_HEIGHT), Some(80.0));
        assert_eq!(scroll_to(10, 0.0, 400.0, PHONE_ROW_HEIGHT), Some(480.0));
    }
}
