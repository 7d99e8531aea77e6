//! The arithmetic of the virtualized list: which rows are on screen (plus overscan) and which
//! 100-row windows of data they need. Pure, so it is unit-tested natively.

/// Height of one row in CSS pixels; every row has exactly this height.
pub const ROW_HEIGHT: f64 = 40.0;
/// Rows rendered above and below the visible ones, so a fast scroll shows no gap.
pub const OVERSCAN: i64 = 8;
/// Rows per server window (matches the server's page size).
pub const WINDOW: i64 = 100;

/// The rows `[first, end)` to render for a viewport of `height` px scrolled to `top` px.
pub fn visible(top: f64, height: f64, total: i64) -> (i64, i64) {
    if total <= 0 {
        return (0, 0);
    }
    let first = ((top.max(0.0) / ROW_HEIGHT).floor() as i64 - OVERSCAN).clamp(0, total - 1);
    let end = (((top.max(0.0) + height.max(0.0)) / ROW_HEIGHT).ceil() as i64 + OVERSCAN).clamp(first + 1, total);
    (first, end)
}

/// The windows that hold rows `[first, end)`.
pub fn windows(first: i64, end: i64) -> std::ops::RangeInclusive<i64> {
    (first / WINDOW)..=((end - 1).max(first) / WINDOW)
}

/// The scroll position that brings row `index` into a viewport of `height` px now at `top`,
/// or `None` when it is already fully visible.
pub fn scroll_to(index: i64, top: f64, height: f64) -> Option<f64> {
    let y = index as f64 * ROW_HEIGHT;
    if y < top {
        Some(y)
    } else if y + ROW_HEIGHT > top + height {
        Some(y + ROW_HEIGHT - height)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_visible_rows_and_overscan_are_rendered_whatever_the_total() {
        assert_eq!(visible(0.0, 600.0, 100_000), (0, 15 + OVERSCAN));
        let (first, end) = visible(2_000_000.0, 600.0, 100_000);
        assert_eq!((first, end), (50_000 - OVERSCAN, 50_015 + OVERSCAN));
        assert!(end - first < 150);
        assert_eq!(visible(3_999_400.0, 600.0, 100_000).1, 100_000);
        assert_eq!(visible(0.0, 600.0, 3), (0, 3));
        assert_eq!(visible(0.0, 600.0, 0), (0, 0));
    }

    #[test]
    fn rows_map_to_their_windows() {
        assert_eq!(windows(0, 23), 0..=0);
        assert_eq!(windows(95, 120), 0..=1);
        assert_eq!(windows(49_992, 50_023), 499..=500);
    }

    #[test]
    fn scrolling_keeps_the_active_row_in_view() {
        assert_eq!(scroll_to(0, 0.0, 400.0), None);
        assert_eq!(scroll_to(10, 0.0, 400.0), Some(40.0));
        assert_eq!(scroll_to(2, 400.0, 400.0), Some(80.0));
    }
}
