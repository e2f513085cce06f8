;; A record must have at least one field.
;; expect-invalid
;; invalid-because: record type must have at least one field
(component
  (type (record))
)
