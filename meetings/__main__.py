from meetings.cli import main

main()
