(module (func br 0 try_table end))
