from integritas.cli import main

main()
