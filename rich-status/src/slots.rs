//! [`Slots`]: the lengths the measure pass of an encoding records for its write pass.

/// Lengths recorded by the measure pass, in the order the write pass needs them.
///
/// The first `N` live on the stack; only unusually large details spill to the heap.
pub(crate) struct Slots<const N: usize = 32> {
    inline: [usize; N],
    len: usize,
    spill: Vec<usize>,
}

impl<const N: usize> Slots<N> {
    pub(crate) fn new() -> Self {
        Slots {
            inline: [0; N],
            len: 0,
            spill: Vec::new(),
        }
    }

    /// Forgets every recorded length (keeping the spill's allocation).
    pub(crate) fn clear(&mut self) {
        self.len = 0;
        self.spill.clear();
    }

    /// The number of lengths recorded.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn push(&mut self, value: usize) -> usize {
        let index = self.len;
        if index < N {
            self.inline[index] = value;
        } else {
            self.spill.push(value);
        }
        self.len += 1;
        index
    }

    pub(crate) fn set(&mut self, index: usize, value: usize) {
        if index < N {
            self.inline[index] = value;
        } else {
            self.spill[index - N] = value;
        }
    }

    /// The recorded length at `index`; `None` if the write pass asks for more lengths than
    /// the measure pass recorded (a description that differs the second time).
    pub(crate) fn get(&self, index: usize) -> Option<usize> {
        if index >= self.len {
            None
        } else if index < N {
            Some(self.inline[index])
        } else {
            Some(self.spill[index - N])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_spill_past_the_inline_array() {
        let mut slots = Slots::<32>::new();
        for i in 0..100 {
            assert_eq!(slots.push(i), i);
        }
        slots.set(70, 7);
        assert_eq!(slots.get(70), Some(7));
        assert_eq!(slots.get(99), Some(99));
        assert_eq!(slots.get(100), None);
    }
}
