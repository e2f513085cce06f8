;; A trap's message is more than one line: the innermost frame's name is
;; printed as the guest wrote it (here a core export name with a newline;
;; a name section's names likewise), so calling `boom` fails with
;; "trap: unreachable in m!boom\nsecond line". `wisp run` prints that on
;; stderr, control characters and escape sequences included.
(component
  (core module $m
    (func (export "boom\nsecond line") unreachable))
  (core instance $i (instantiate $m))
  (func (export "boom") (canon lift (core func $i "boom\nsecond line"))))
