/set mode dendrite normal -command
/set truncation dendrite 1000
/set mode -retain dendrite
/set feedback -retain dendrite
/exit
