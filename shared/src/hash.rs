//! A small, stable, non-cryptographic hash (FNV-1a) for fingerprints: a preview sends
//! one back with its save, and the save is refused when the input has changed since.
//! Written out by hand, not through `Debug` or `Hash`, so the value is the same on
//! every platform and no formatting code reaches the browser bundle.

/// FNV-1a, 64 bits, with a separator after each field.
pub(crate) struct Fnv(pub(crate) u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    /// Adds a field's bytes, then a separator, so that ("ab", "c") and ("a", "bc")
    /// differ.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    pub(crate) fn int(&mut self, n: i64) {
        self.bytes(&n.to_le_bytes());
    }
}
